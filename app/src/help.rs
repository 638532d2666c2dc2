//! `/help`: what residents ask first (how to file, the tracking number, when they will hear
//! back, who sees their number, what to do when it is not fixed), answered plainly.

pub mod page;
pub mod texts;
pub use texts::HelpTexts;
