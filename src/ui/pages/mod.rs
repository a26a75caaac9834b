pub mod exercise;
pub mod home;
pub mod progress;
pub mod settings;
pub mod track;
pub mod workbench;
