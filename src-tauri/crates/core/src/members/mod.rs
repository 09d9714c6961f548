//! Members (メンバー): the people who work one counter, their roles, their signed-in
//! devices and the pairing codes that sign a phone in without a password.

pub mod actor;
pub mod api;
pub mod model;
pub mod password;
pub mod revocations;
pub mod secret_codes;
pub mod store;

pub use actor::Actor;
pub use model::{DeviceRef, DeviceView, MemberRef, MemberView, NewMember, PairingCode, Principal, Role, Session, SessionMember, UpdateMember};
