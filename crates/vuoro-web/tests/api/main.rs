//! Integration tests: each test starts the real server on its own port with its own SQLite file
//! and talks HTTP to it, as a browser without JavaScript would.

mod helpers;

mod accounts;
mod assets;
mod assign;
mod auth;
mod bad_input;
mod catalogue;
mod catalogue_api;
mod flow;
mod invitations;
mod live;
mod live_day;
mod live_feed;
mod live_guard;
mod look;
mod mail;
mod names;
mod network;
mod notices;
mod openspace;
mod org_plans;
mod partners;
mod permissions;
mod practices;
mod process_page;
mod reports;
mod rights;
mod share;
mod sso;
mod summary;
mod themes;
mod two_servers;
