//! Business hours' methods of the one API (declared in `api/methods.rs`).

use crate::accounts::model::AccountRef;
use crate::hours::model::{BusinessHoursView, HoursStatus, SetBusinessHours};
use crate::hours::store;
use crate::runtime::Core;
use crate::Result;

pub async fn get_business_hours(core: &Core, q: AccountRef) -> Result<BusinessHoursView> {
    store::view(&core.store().pool, q.account_id).await
}

pub async fn set_business_hours(core: &Core, q: SetBusinessHours) -> Result<BusinessHoursView> {
    let hours = store::set(&core.store().pool, q.account_id, &q.hours).await?;
    Ok(BusinessHoursView { configured: true, hours })
}

pub async fn hours_status(core: &Core, q: AccountRef) -> Result<HoursStatus> {
    store::status(&core.store().pool, q.account_id, crate::time::now_ms()).await
}
