pub mod crypto;
pub mod engines;
pub mod exercise;
pub mod grading;
pub mod i18n;
pub mod markdown;
pub mod progress;
pub mod referential;
