//! The table every benchmark contributes rows to.

/// One line of the table. `peer`/`ratio` are "—" when there is nothing to compare with;
/// `met` is `None` for informational rows without a goal.
#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub ours: String,
    pub peer: String,
    pub ratio: String,
    pub goal: String,
    pub met: Option<bool>,
}

impl Row {
    pub fn info(name: impl Into<String>, ours: impl Into<String>) -> Row {
        Row { name: name.into(), ours: ours.into(), peer: "—".into(), ratio: "—".into(), goal: "—".into(), met: None }
    }

    pub fn peer(mut self, peer: impl Into<String>, ratio: f64) -> Row {
        self.peer = peer.into();
        self.ratio = format!("{ratio:.2}×");
        self
    }

    /// Peer and ratio from alternating rounds: the median ratio with its min–max.
    pub fn paired(mut self, peer: impl Into<String>, p: &crate::rounds::Paired) -> Row {
        self.peer = peer.into();
        self.ratio = p.ratio_cell();
        self
    }

    pub fn goal(mut self, goal: impl Into<String>, met: bool) -> Row {
        self.goal = goal.into();
        self.met = Some(met);
        self
    }
}

/// What one benchmark returns: its rows, and notes printed under the table.
#[derive(Debug, Default)]
pub struct Outcome {
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
}

#[derive(Default)]
pub struct Report {
    rows: Vec<Row>,
    notes: Vec<String>,
}

impl Report {
    pub fn add(&mut self, o: Outcome) {
        self.rows.extend(o.rows);
        self.notes.extend(o.notes);
    }

    pub fn print(&self) {
        println!("| Benchmark | Madoguchi | Peer | Ratio | Goal | Met? |");
        println!("|---|--:|--:|--:|---|:-:|");
        for r in &self.rows {
            let met = match r.met {
                Some(true) => "✅ yes",
                Some(false) => "❌ no",
                None => "—",
            };
            println!("| {} | {} | {} | {} | {} | {} |", r.name, r.ours, r.peer, r.ratio, r.goal, met);
        }
        let goals = self.rows.iter().filter(|r| r.met.is_some()).count();
        let met = self.rows.iter().filter(|r| r.met == Some(true)).count();
        println!("\nGoals met: {met} of {goals}.");
        if !self.notes.is_empty() {
            println!();
            for n in &self.notes {
                println!("- {n}");
            }
        }
    }
}

/// 12345.6 → "12,346".
pub fn thousands(x: f64) -> String {
    let n = x.round() as i64;
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// Microseconds → "1.23 ms".
pub fn ms(us: u64) -> String {
    format!("{:.2} ms", us as f64 / 1000.0)
}
