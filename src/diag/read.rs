//! Reading the inputs, one module each: what the endpoint, the credential, a token, the
//! smaller fields and the pasted output say, as facts and per-field findings. Readers
//! judge each input on its own against [`known`](super::known) facts; ranking causes
//! from the facts together is [`rank`](super::rank)'s job.

pub mod credential;
pub mod endpoint;
pub mod evidence;
pub mod inputs;
pub mod jwt;
pub mod sent;
pub mod token;
