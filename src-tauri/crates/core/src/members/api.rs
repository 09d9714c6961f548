//! Members' methods of the one API (declared in `api/methods.rs`): all for owners.

use crate::members::model::{DeviceRef, DeviceView, MemberRef, MemberView, NewMember, PairingCode, UpdateMember};
use crate::members::store;
use crate::runtime::Core;
use crate::Result;

pub async fn list_members(core: &Core) -> Result<Vec<MemberView>> {
    store::list(&core.store().pool).await
}

pub async fn add_member(core: &Core, q: NewMember) -> Result<MemberView> {
    store::add(&core.store().pool, q).await
}

pub async fn update_member(core: &Core, q: UpdateMember) -> Result<MemberView> {
    store::update(&core.store().pool, q).await
}

pub async fn remove_member(core: &Core, q: MemberRef) -> Result<()> {
    store::remove(&core.store().pool, q.member_id).await?;
    // Their chats are nobody's now: 未割り当て shows them to the others.
    store::release_member(&core.store().pool, q.member_id).await?;
    Ok(())
}

pub async fn create_pairing_code(core: &Core, q: MemberRef) -> Result<PairingCode> {
    store::create_pairing_code(&core.store().pool, q.member_id).await
}

pub async fn list_devices(core: &Core) -> Result<Vec<DeviceView>> {
    store::list_devices(&core.store().pool).await
}

pub async fn revoke_device(core: &Core, q: DeviceRef) -> Result<()> {
    store::revoke_device(&core.store().pool, q.device_id).await
}
