//! Opening a core: the store, the webhook ingest (after it has caught up with what was
//! journaled before), the accounts' LINE clients, then every domain's background
//! worker. The one module that knows all the workers; the `Core` handle itself knows
//! none of them.

use tokio::sync::watch;

use crate::events::EventBus;
use crate::inbox::ingest::Ingestor;
use crate::runtime::{Core, CoreOptions, Parts, Wakeups};
use crate::store::Store;
use crate::{autoreply, backup, broadcast, inbox, outbox, reservations, search, tags, Result};

impl Core {
    pub async fn open(opts: CoreOptions) -> Result<Core> {
        let store = if opts.read_only { Store::open_read_only(&opts.data_dir).await? } else { Store::open(&opts.data_dir).await? };
        let start_workers = opts.start_workers && !opts.read_only;
        let bus = EventBus::default();
        let wake = Wakeups::default();
        let (shutdown, _) = watch::channel(false);
        // The projector stops with the core; the journal's writer when its last handle goes.
        // Tools that only read (export, backup) may run beside a live server on the same data dir.
        let reader_if_busy = !start_workers;
        let (ingestor, projector) = Ingestor::start(&store, bus.clone(), wake.clone(), shutdown.subscribe(), reader_if_busy).await?;
        let parts = Parts { store, bus, webhooks: Box::new(ingestor), wake, shutdown, tasks: vec![projector] };
        let core = Core::assemble(opts, parts);
        core.reload_accounts().await?;
        // Bodies acknowledged before a crash or kill are in the store before anyone reads it
        // (exports, backups and the inbox all see them).
        core.webhooks_settled().await?;
        if start_workers {
            start_workers_of(&core).await;
        }
        Ok(core)
    }
}

async fn start_workers_of(core: &Core) {
    let workers = [
        tokio::spawn(outbox::sender::worker(core.clone())),
        tokio::spawn(inbox::media::worker(core.clone())),
        tokio::spawn(inbox::profiles::worker(core.clone())),
        tokio::spawn(autoreply::worker(core.clone())),
        // Settings: automatic daily backups.
        tokio::spawn(backup::auto::worker(core.clone())),
        // Broadcast: scheduled starts and multicast batches.
        tokio::spawn(broadcast::worker::worker(core.clone())),
        // Customers: automatic tags.
        tokio::spawn(tags::auto::worker(core.clone())),
        // Reservations: reminders and thank-yous
        tokio::spawn(reservations::reminders::worker(core.clone())),
        // Search: the short-query index for messages stored before it existed.
        tokio::spawn(search::backfill::worker(core.clone())),
    ];
    for task in workers {
        core.keep_task(task).await;
    }
}
