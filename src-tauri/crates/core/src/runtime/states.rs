//! Memory-only state a domain keeps for the life of a core (who typed where last, the
//! UI's focus, how far an index is built), one value per type. The handle holds them
//! without naming them, so it depends on no domain; each domain reads its own through
//! an accessor it defines on `Core`.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub(crate) struct States {
    by_type: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl States {
    /// This core's value of `T`, made on first use.
    pub(crate) fn get<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        let mut by_type = self.by_type.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let any = by_type.entry(TypeId::of::<T>()).or_insert_with(|| Arc::new(T::default())).clone();
        match any.downcast::<T>() {
            Ok(value) => value,
            // Stored under its own TypeId, so the downcast always holds.
            Err(_) => unreachable!("a state stored under another type's id"),
        }
    }
}
