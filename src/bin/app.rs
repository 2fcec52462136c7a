//! The page's entry point. Trunk builds it for wasm32; natively it only explains itself.

#[cfg(target_arch = "wasm32")]
fn main() {
    doctor401::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the 401 Doctor page is built for the browser: run `./dev serve` (see README)");
    std::process::exit(2);
}
