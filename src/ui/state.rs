//! The page's reducer: [`State`] and [`Action`] live in `diag::page::state` (tested
//! natively); here they meet Yew, with the page's built-in gallery.

use super::scenarios;
pub use crate::diag::page::state::{Action, PasteNote, State};
use std::rc::Rc;
use yew::Reducible;

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        self.apply(action, |i| scenarios::get(i).map(|s| s.case()))
            .into()
    }
}
