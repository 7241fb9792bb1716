//! Integration tests: they run the real `entente` binary, as a user would.

mod util;

mod alignment;
mod architecture;
mod atop;
mod cascade;
mod check;
mod code;
mod commands;
mod events;
mod forecast;
mod panel;
mod python;
mod report;
mod serve;
mod store_crash;
