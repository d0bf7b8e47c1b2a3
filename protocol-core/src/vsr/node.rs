//! One VSR replica: the state of §4 (Figure 2 of the paper) and the rules of
//! §4.1-§4.3 and §5.2, in the paper's names.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::messages::{Entry, PrimaryState, VsrMessage};
use super::phrases::*;
use super::{VsrChecker, VsrConfig};
use crate::chunked::ChunkedVec;
use crate::protocol::{EntryView, Field, NodeView, Outbox, Protocol, QuorumView, ReplyOutcome, RoleKind, Settings};
use crate::scenario::ScenarioError;
use crate::{NodeId, note};

type Out = Outbox<VsrMessage>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Normal,
    ViewChange,
    Recovering,
}

/// A DoViewChange as the new primary keeps it (§4.2 step 3).
#[derive(Clone, Debug, PartialEq, Eq)]
struct DoViewChange {
    log: Vec<Entry>,
    last_normal_view: u64,
    op_number: u64,
    commit_number: u64,
}

/// A RecoveryResponse as the recovering replica keeps it (§4.3 step 3).
#[derive(Clone, Debug, PartialEq, Eq)]
struct RecoveryResponse {
    view: u64,
    primary: Option<PrimaryState>,
}

/// One replica. VSR keeps nothing on disk: a restart starts from nothing and
/// runs the recovery protocol (§4.3).
#[derive(Clone, Debug)]
pub struct Vsr {
    /// The replica number (this replica is S`id` of the configuration).
    pub id: NodeId,
    /// The configuration, and the bug variants.
    config: VsrConfig,
    pub view_number: u64,
    pub status: Status,
    /// log[0] is op-number 1; the op-number is the log's length.
    pub log: ChunkedVec<Entry>,
    /// Which log this is, for the incremental checker: (incarnation, times
    /// the log was replaced or cut since the replica booted). Appending
    /// leaves it alone; anything else changes it, so a log with the same
    /// version as before is the same log with perhaps more at its end.
    pub log_version: (u64, u64),
    pub commit_number: u64,
    /// The latest view in which the status was normal (v' of DoViewChange).
    pub last_normal_view: u64,
    /// Primary: the highest op-number each replica acknowledged with a
    /// PrepareOk in this view; index i-1 is Si.
    acked: Vec<u64>,
    /// View change: who sent StartViewChange for `view_number`.
    start_view_changes: BTreeSet<NodeId>,
    /// View change: this replica's DoViewChange is sent (or, at the new
    /// primary, counted).
    did_view_change: bool,
    /// The new primary: the DoViewChange messages for `view_number`.
    do_view_changes: BTreeMap<NodeId, DoViewChange>,
    /// Recovery: this run's nonce, and the answers so far.
    nonce: u64,
    recovery_responses: BTreeMap<NodeId, RecoveryResponse>,
}

impl Protocol for Vsr {
    type Message = VsrMessage;
    type Durable = ();
    type Config = VsrConfig;
    type Checker = VsrChecker;

    const ID: &'static str = "vsr";
    const VARIANTS: &'static [&'static str] = super::VARIANTS;
    const OPTIONS: &'static [&'static str] = super::OPTIONS;

    fn configure(settings: &Settings) -> Result<VsrConfig, ScenarioError> {
        VsrConfig::from_settings(settings)
    }

    /// Every replica starts normal in view 0 with an empty log.
    fn boot(id: NodeId, config: &VsrConfig, _durable: Option<()>) -> Self {
        Vsr {
            id,
            config: config.clone(),
            view_number: 0,
            status: Status::Normal,
            log: ChunkedVec::new(),
            log_version: (0, 0),
            commit_number: 0,
            last_normal_view: 0,
            acked: vec![0; config.nodes],
            start_view_changes: BTreeSet::new(),
            did_view_change: false,
            do_view_changes: BTreeMap::new(),
            nonce: 0,
            recovery_responses: BTreeMap::new(),
        }
    }

    fn durable(&self) {}

    /// §4.3: a restarted replica has lost its state and recovers. The nonce
    /// must differ from every earlier recovery of this replica, yet a replica
    /// without a disk or an RNG cannot make one up: everything it sends right
    /// after a restart is identical to what it sent after the previous one,
    /// so the network could replay a whole earlier recovery to it. The
    /// simulator's incarnation number stands in for the paper's random nonce.
    fn on_restart(&mut self, incarnation: u64) {
        self.status = Status::Recovering;
        self.nonce = incarnation;
        self.log_version = (incarnation, 0);
    }

    fn on_start(&mut self, out: &mut Out) {
        match self.status {
            Status::Recovering => {
                note!(out, SENDS_RECOVERY, node = self.id, nonce = self.nonce);
                for r in self.others() {
                    out.send(r, VsrMessage::Recovery { nonce: self.nonce });
                }
            }
            _ if self.is_primary() => out.set_timer(self.heartbeat()),
            _ => out.set_timer(self.config.timing.election_timeout),
        }
    }

    fn on_message(&mut self, from: NodeId, msg: VsrMessage, out: &mut Out) {
        if self.status == Status::Recovering {
            self.on_message_recovering(from, msg, out);
            return;
        }
        match msg {
            VsrMessage::Prepare { view, request, op_number, commit_number } => {
                if self.hear_from_primary(from, view, out) {
                    self.handle_prepare(request, op_number, commit_number, out);
                }
            }
            VsrMessage::Commit { view, commit_number } => {
                if self.hear_from_primary(from, view, out) {
                    self.learn_commit(commit_number, out);
                    if commit_number > self.op_number() {
                        note!(out, LAGS_BEHIND_COMMIT, commit = commit_number, node = self.id, op = self.op_number());
                        out.send(from, VsrMessage::GetState { view, op_number: self.op_number() });
                    }
                }
            }
            VsrMessage::PrepareOk { view, op_number } => self.handle_prepare_ok(from, view, op_number, out),
            VsrMessage::StartViewChange { view } => self.handle_start_view_change(from, view, out),
            VsrMessage::DoViewChange { view, log, last_normal_view, op_number, commit_number } => {
                let dvc = DoViewChange { log, last_normal_view, op_number, commit_number };
                self.handle_do_view_change(from, view, dvc, out);
            }
            VsrMessage::StartView { view, log, commit_number, .. } => {
                self.handle_start_view(from, view, log, commit_number, out)
            }
            VsrMessage::Recovery { nonce } => self.handle_recovery(from, nonce, out),
            VsrMessage::GetState { view, op_number } => self.handle_get_state(from, view, op_number, out),
            VsrMessage::NewState { view, after, log, commit_number, .. } => {
                self.handle_new_state(from, view, after, log, commit_number, out)
            }
            // Only a recovering replica wants these.
            VsrMessage::RecoveryResponse { .. } => {}
        }
    }

    fn on_timer(&mut self, out: &mut Out) {
        match self.status {
            Status::Recovering => {
                note!(out, RECOVERING_NO_VIEW_CHANGE, node = self.id);
            }
            Status::Normal if self.is_primary() => {
                // §4.1 step 6 (end): without new requests, the primary tells
                // the backups the commit-number in a Commit (the heartbeat);
                // a backup that has not acknowledged the latest uncommitted
                // op gets its Prepare again (a lost message is only delayed).
                note!(out, HEARTBEAT, node = self.id, view = self.view_number, commit = self.commit_number);
                let last = self.op_number();
                for r in self.others() {
                    out.send(r, VsrMessage::Commit { view: self.view_number, commit_number: self.commit_number });
                    if last > self.commit_number
                        && self.acked[usize::from(r) - 1] < last
                        && let Some(request) = self.entry(last)
                    {
                        let request = request.clone();
                        out.send(r, self.prepare(request, last));
                    }
                }
                out.set_timer(self.heartbeat());
            }
            Status::Normal | Status::ViewChange => {
                // §4.2: a backup that hears nothing from the primary, or a
                // view change that does not finish, moves to the next view.
                note!(
                    out,
                    *if self.status == Status::Normal { &PRIMARY_SILENT } else { &VIEW_CHANGE_STALLED },
                    node = self.id,
                    view = self.view_number + 1
                );
                self.start_view_change(self.view_number + 1, out);
            }
        }
    }

    fn on_client_request(&mut self, value: &str, out: &mut Out) {
        if self.status != Status::Normal || !self.is_primary() {
            let primary = (self.status == Status::Normal).then(|| self.primary());
            match primary {
                Some(p) => note!(out, REDIRECT, node = self.id, primary = p),
                None => note!(out, NO_PRIMARY_KNOWN, node = self.id),
            }
            out.reply(value, ReplyOutcome::Redirect { leader: primary });
            return;
        }
        // §4.1 step 2: advance op-number, append the request, send Prepare.
        let request = Entry { view: self.view_number, op: Arc::from(value) };
        self.log.push(request.clone());
        let n = self.op_number();
        note!(out, ASSIGNS_OP, node = self.id, op = n, value = format!("{value:?}"));
        for r in self.others() {
            out.send(r, self.prepare(request.clone(), n));
        }
    }

    /// The role alone, without building the whole view (the explorer asks
    /// for it before every action).
    fn role(&self) -> RoleKind {
        match self.status {
            Status::Normal if self.is_primary() => RoleKind::Leader,
            Status::Normal => RoleKind::Follower,
            Status::ViewChange | Status::Recovering => RoleKind::Other,
        }
    }

    fn view(&self) -> NodeView {
        let (role, role_label) = match self.status {
            Status::Normal if self.is_primary() => (RoleKind::Leader, "primary"),
            Status::Normal => (RoleKind::Follower, "backup"),
            Status::ViewChange => (RoleKind::Other, "view change"),
            Status::Recovering => (RoleKind::Other, "recovering"),
        };
        let log = self
            .log
            .iter()
            .enumerate()
            .map(|(i, e)| EntryView { index: i as u64 + 1, epoch: e.view, label: e.op.to_string() })
            .collect();
        let me = std::iter::once(self.id);
        let quorum = match self.status {
            Status::Normal if self.is_primary() && self.op_number() > self.commit_number => {
                let last = self.op_number();
                let have = me.chain(self.others().filter(|&r| self.acked[usize::from(r) - 1] >= last)).collect();
                Some(QuorumView { what: "PrepareOk for the latest op", have, need: self.config.quorum() })
            }
            Status::ViewChange if self.is_primary() => Some(QuorumView {
                what: "DoViewChange",
                have: self.do_view_changes.keys().copied().collect(),
                need: self.config.quorum(),
            }),
            Status::ViewChange => Some(QuorumView {
                what: "StartViewChange",
                have: me.chain(self.start_view_changes.iter().copied()).collect(),
                need: self.config.quorum(),
            }),
            Status::Recovering => Some(QuorumView {
                what: "RecoveryResponse",
                have: self.recovery_responses.keys().copied().collect(),
                need: self.config.f() + 1,
            }),
            Status::Normal => None,
        };
        let status = match self.status {
            Status::Normal => "normal",
            Status::ViewChange => "view-change",
            Status::Recovering => "recovering",
        };
        let field = |name, value: String| Field { name, value, durable: false };
        // The client table: our clients send one request each, so it holds
        // every request in the log, with whether it has been executed.
        let clients: Vec<String> = self
            .log
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let done = if i < self.commit_number as usize { "executed" } else { "pending" };
                format!("{}: op {} {done}", e.op, i + 1)
            })
            .collect();
        let mut fields = vec![
            field("replica number", self.id.to_string()),
            field("view-number", self.view_number.to_string()),
            field("status", status.to_string()),
            field("op-number", self.op_number().to_string()),
            field("commit-number", self.commit_number.to_string()),
            field("last normal view", self.last_normal_view.to_string()),
            field("primary", format!("S{}", self.primary())),
            field("client-table", if clients.is_empty() { "empty".to_string() } else { clients.join(", ") }),
        ];
        if self.status == Status::Recovering {
            fields.push(field("nonce", self.nonce.to_string()));
        }
        NodeView {
            role,
            role_label,
            epoch: self.view_number,
            epoch_label: "view",
            log,
            commit: self.commit_number,
            quorum,
            fields,
        }
    }
}

impl Vsr {
    pub fn config(&self) -> &VsrConfig {
        &self.config
    }

    pub fn op_number(&self) -> u64 {
        self.log.len() as u64
    }

    /// The entry with op-number `n`.
    pub fn entry(&self, n: u64) -> Option<&Entry> {
        n.checked_sub(1).and_then(|i| self.log.get(i as usize))
    }

    /// The primary of the current view.
    pub fn primary(&self) -> NodeId {
        self.config.primary(self.view_number)
    }

    pub fn is_primary(&self) -> bool {
        self.primary() == self.id
    }

    fn others(&self) -> impl Iterator<Item = NodeId> + use<> {
        let me = self.id;
        (1..=self.config.nodes as NodeId).filter(move |&r| r != me)
    }

    fn heartbeat(&self) -> (u64, u64) {
        (self.config.timing.heartbeat, self.config.timing.heartbeat)
    }

    fn prepare(&self, request: Entry, op_number: u64) -> VsrMessage {
        VsrMessage::Prepare { view: self.view_number, request, op_number, commit_number: self.commit_number }
    }

    /// A Prepare or Commit from `from` for `view`: whether to act on it (it
    /// is for this replica's view, in normal status). One from a later view
    /// (or from the view this replica is changing to) means that view has
    /// started without this replica hearing its StartView: it asks the new
    /// primary for its log after its own commit-number, since ops after that
    /// may have been replaced in the view change (§5.2), and joins the view
    /// when the NewState arrives. Until then it acknowledges nothing: a
    /// replica whose last normal view is v must hold view v's log.
    fn hear_from_primary(&mut self, from: NodeId, view: u64, out: &mut Out) -> bool {
        if view < self.view_number || from != self.config.primary(view) {
            return false;
        }
        out.set_timer(self.config.timing.election_timeout);
        if view == self.view_number && self.status == Status::Normal {
            return true;
        }
        note!(out, ASKS_STATE_FOR_VIEW, node = self.id, view, from, commit = self.commit_number);
        out.send(from, VsrMessage::GetState { view, op_number: self.commit_number });
        false
    }

    /// Replaces the log (not an append: see `log_version`).
    fn replace_log(&mut self, log: ChunkedVec<Entry>) {
        self.log = log;
        self.log_version.1 += 1;
    }

    /// Status normal in `view` (as a backup or as the new primary).
    fn enter_view(&mut self, view: u64) {
        self.view_number = view;
        self.status = Status::Normal;
        self.last_normal_view = view;
        self.acked = vec![0; self.config.nodes];
        self.start_view_changes.clear();
        self.do_view_changes.clear();
        self.did_view_change = false;
    }

    /// §4.1 step 4: a backup accepts the Prepare for op-number n only once it
    /// has every earlier op; then it appends it and answers PrepareOk.
    fn handle_prepare(&mut self, request: Entry, n: u64, k: u64, out: &mut Out) {
        let view = self.view_number;
        let primary = self.primary();
        if n == self.op_number() + 1 {
            note!(out, APPENDS_PREPARE, node = self.id, request, op = n);
            self.log.push(request);
            out.send(primary, VsrMessage::PrepareOk { view, op_number: n });
        } else if n <= self.op_number() {
            note!(out, PREPARE_AGAIN, node = self.id, op = n);
            out.send(primary, VsrMessage::PrepareOk { view, op_number: n });
        } else {
            note!(out, PREPARE_GAP, node = self.id, have = self.op_number(), op = n);
            out.send(primary, VsrMessage::GetState { view, op_number: self.op_number() });
        }
        self.learn_commit(k, out);
    }

    /// §4.1 step 7: a backup executes, in order, every op up to the primary's
    /// commit-number that it has in its log (the others come by state
    /// transfer, §5.2).
    fn learn_commit(&mut self, k: u64, out: &mut Out) {
        let upto = k.min(self.op_number());
        if upto > self.commit_number {
            note!(out, BACKUP_EXECUTES, node = self.id, first = self.commit_number + 1, upto);
            self.commit_number = upto;
        }
    }

    /// §4.1 step 5: the primary waits for f PrepareOk messages from different
    /// backups; then it considers the op, and every earlier one, committed.
    fn handle_prepare_ok(&mut self, from: NodeId, view: u64, n: u64, out: &mut Out) {
        if self.status != Status::Normal || !self.is_primary() || view > self.view_number {
            return;
        }
        if view < self.view_number {
            // Bug `stale_prepare_ok`: an answer about another view's op n says
            // nothing about this view's op n.
            if !self.config.bugs.stale_prepare_ok {
                note!(out, STALE_PREPARE_OK, node = self.id, from, view, current = self.view_number);
                return;
            }
            note!(out, BUG_COUNTS_STALE_PREPARE_OK, node = self.id, from, view, op = n);
        }
        let i = usize::from(from) - 1;
        self.acked[i] = self.acked[i].max(n);
        self.commit_acknowledged(out);
    }

    /// The primary commits the highest op that a quorum (itself and f
    /// backups) has, executes everything up to it, updates the client table
    /// and sends each client its Reply (§4.1 steps 5-6).
    fn commit_acknowledged(&mut self, out: &mut Out) {
        let need = self.config.quorum() - 1;
        let mut n = self.op_number();
        while n > self.commit_number && self.acked.iter().filter(|&&a| a >= n).count() < need {
            n -= 1;
        }
        if n > self.commit_number {
            note!(out, COMMITS, node = self.id, need, op = n);
            self.execute_and_reply(n, out);
        }
    }

    /// The primary executes ops after its commit-number up to `k` and answers
    /// their clients (§4.1 step 5; after a view change, §4.2 step 4).
    fn execute_and_reply(&mut self, k: u64, out: &mut Out) {
        for n in self.commit_number + 1..=k {
            if let Some(e) = self.entry(n) {
                note!(out, ANSWERS_CLIENT, node = self.id, value = e.op, op = n);
                out.reply(&e.op, ReplyOutcome::Acknowledged { index: n });
            }
        }
        self.commit_number = self.commit_number.max(k);
    }

    /// §4.2 step 1: advance view-number, status view-change, StartViewChange
    /// to every other replica.
    fn start_view_change(&mut self, view: u64, out: &mut Out) {
        self.view_number = view;
        self.status = Status::ViewChange;
        self.start_view_changes.clear();
        self.do_view_changes.clear();
        self.did_view_change = false;
        for r in self.others() {
            out.send(r, VsrMessage::StartViewChange { view });
        }
        out.set_timer(self.config.timing.election_timeout);
    }

    fn handle_start_view_change(&mut self, from: NodeId, view: u64, out: &mut Out) {
        if view > self.view_number {
            note!(out, JOINS_VIEW_CHANGE, node = self.id, view, from);
            self.start_view_change(view, out);
        } else if view < self.view_number || self.status != Status::ViewChange {
            return;
        }
        self.start_view_changes.insert(from);
        self.maybe_do_view_change(out);
    }

    /// §4.2 step 2: with StartViewChange from f other replicas, send the new
    /// primary DoViewChange with the log, the last normal view, op-number and
    /// commit-number. The new primary's own DoViewChange is counted locally.
    fn maybe_do_view_change(&mut self, out: &mut Out) {
        if self.did_view_change || self.start_view_changes.len() < self.config.quorum() - 1 {
            return;
        }
        self.did_view_change = true;
        let dvc = DoViewChange {
            log: self.log.to_vec(),
            last_normal_view: self.last_normal_view,
            op_number: self.op_number(),
            commit_number: self.commit_number,
        };
        let primary = self.primary();
        note!(
            out,
            SENDS_DO_VIEW_CHANGE,
            node = self.id,
            count = self.start_view_changes.len(),
            primary,
            last_normal = self.last_normal_view,
            op = self.op_number()
        );
        if primary == self.id {
            self.do_view_changes.insert(self.id, dvc);
            self.maybe_start_view(out);
        } else {
            let DoViewChange { log, last_normal_view, op_number, commit_number } = dvc;
            let msg =
                VsrMessage::DoViewChange { view: self.view_number, log, last_normal_view, op_number, commit_number };
            out.send(primary, msg);
        }
    }

    fn handle_do_view_change(&mut self, from: NodeId, view: u64, dvc: DoViewChange, out: &mut Out) {
        if self.config.primary(view) != self.id || view < self.view_number {
            return;
        }
        if view > self.view_number {
            note!(out, JOINS_BY_DO_VIEW_CHANGE, node = self.id, view, from);
            self.start_view_change(view, out);
        } else if self.status != Status::ViewChange {
            return;
        }
        self.do_view_changes.insert(from, dvc);
        self.maybe_start_view(out);
    }

    /// §4.2 step 3: with f + 1 DoViewChange messages (its own included), the
    /// new primary takes the log with the largest last normal view v', and
    /// among those the largest op-number; the largest commit-number; status
    /// normal; StartView to the others.
    fn maybe_start_view(&mut self, out: &mut Out) {
        if !self.do_view_changes.contains_key(&self.id) || self.do_view_changes.len() < self.config.quorum() {
            return;
        }
        let by_op_only = self.config.bugs.log_by_op_only;
        let chosen = self
            .do_view_changes
            .iter()
            // Bug `log_by_op_only`: ignores v', so a long log from an old
            // view can beat the log of a later view.
            .max_by_key(|(_, d)| if by_op_only { (0, d.op_number) } else { (d.last_normal_view, d.op_number) });
        let Some((&source, best)) = chosen else { return };
        let log = best.log.clone();
        let k = self.do_view_changes.values().map(|d| d.commit_number).max().unwrap_or(0);
        if by_op_only {
            note!(
                out,
                BUG_LOG_BY_OP_ONLY,
                node = self.id,
                source,
                op = best.op_number,
                last_normal = best.last_normal_view
            );
        } else {
            note!(
                out,
                STARTS_VIEW,
                node = self.id,
                count = self.do_view_changes.len(),
                source,
                last_normal = best.last_normal_view,
                op = best.op_number,
                commit = k,
                view = self.view_number
            );
        }
        self.replace_log(log.into());
        self.enter_view(self.view_number);
        for r in self.others() {
            out.send(
                r,
                VsrMessage::StartView {
                    view: self.view_number,
                    log: self.log.to_vec(),
                    op_number: self.op_number(),
                    commit_number: k,
                },
            );
        }
        // §4.2 step 4: execute the committed ops not executed yet, answer
        // their clients, and accept requests.
        self.execute_and_reply(k, out);
        out.set_timer(self.heartbeat());
    }

    /// §4.2 step 5: replace the log, status normal in the new view; PrepareOk
    /// for ops not yet committed; execute the committed ones.
    fn handle_start_view(&mut self, from: NodeId, view: u64, log: Vec<Entry>, k: u64, out: &mut Out) {
        if view < self.view_number
            || (view == self.view_number && self.status == Status::Normal)
            || from != self.config.primary(view)
        {
            return;
        }
        self.replace_log(log.into());
        self.enter_view(view);
        note!(out, TAKES_START_VIEW, node = self.id, from, ops = self.op_number(), view);
        if self.op_number() > k {
            out.send(from, VsrMessage::PrepareOk { view, op_number: self.op_number() });
        }
        self.commit_number = self.commit_number.max(k);
        out.set_timer(self.config.timing.election_timeout);
    }

    /// §5.2: a replica in normal status in the same view answers GetState
    /// with its log after op n', its op-number and commit-number.
    fn handle_get_state(&mut self, from: NodeId, view: u64, after: u64, out: &mut Out) {
        if self.status != Status::Normal || view != self.view_number {
            return;
        }
        let log = self.log.tail(after as usize);
        note!(out, SENDS_NEW_STATE, node = self.id, from, after);
        let msg =
            VsrMessage::NewState { view, after, log, op_number: self.op_number(), commit_number: self.commit_number };
        out.send(from, msg);
    }

    /// §5.2: append the ops after n', then execute the committed ones. A
    /// replica joining a view it missed replaces everything after its
    /// commit-number with the primary's ops. Either way it now has every op
    /// of this view up to op-number, and tells the primary with a PrepareOk
    /// (so an op whose Prepare was lost can still commit).
    fn handle_new_state(&mut self, from: NodeId, view: u64, after: u64, log: Vec<Entry>, k: u64, out: &mut Out) {
        let joining = view > self.view_number || (view == self.view_number && self.status == Status::ViewChange);
        if joining && from == self.config.primary(view) && after <= self.commit_number {
            let mut ops = std::mem::take(&mut self.log);
            ops.truncate(after as usize);
            ops.extend(log);
            self.replace_log(ops);
            self.enter_view(view);
            note!(out, TAKES_NEW_STATE, node = self.id, from, after, view);
        } else if view == self.view_number && self.status == Status::Normal && after <= self.op_number() {
            let have = (self.op_number() - after) as usize;
            self.log.extend(log.into_iter().skip(have));
            note!(out, APPENDS_MISSING, node = self.id, op = self.op_number());
        } else {
            return;
        }
        if self.op_number() > k && !self.is_primary() {
            out.send(self.primary(), VsrMessage::PrepareOk { view, op_number: self.op_number() });
        }
        self.learn_commit(k, out);
    }

    /// §4.3 step 2: only a replica in normal status answers a Recovery; the
    /// primary adds its log, op-number and commit-number.
    fn handle_recovery(&mut self, from: NodeId, nonce: u64, out: &mut Out) {
        if self.status != Status::Normal {
            return;
        }
        let primary = self.is_primary().then(|| PrimaryState {
            log: self.log.to_vec(),
            op_number: self.op_number(),
            commit_number: self.commit_number,
        });
        note!(
            out,
            *if primary.is_some() { &PRIMARY_ANSWERS_RECOVERY } else { &ANSWERS_RECOVERY },
            node = self.id,
            from,
            nonce,
            view = self.view_number
        );
        out.send(from, VsrMessage::RecoveryResponse { view: self.view_number, nonce, primary });
    }

    fn on_message_recovering(&mut self, from: NodeId, msg: VsrMessage, out: &mut Out) {
        match msg {
            VsrMessage::RecoveryResponse { view, nonce, primary } => {
                if nonce != self.nonce {
                    // Bug `recovery_without_nonce`: an answer to an earlier
                    // recovery describes the past, when this replica may
                    // have promised less than it did since.
                    if !self.config.bugs.recovery_without_nonce {
                        note!(out, IGNORES_OLD_NONCE, node = self.id, nonce, current = self.nonce);
                        return;
                    }
                    note!(out, BUG_ACCEPTS_OLD_NONCE, node = self.id, from, nonce, current = self.nonce);
                }
                self.recovery_responses.insert(from, RecoveryResponse { view, primary });
                self.maybe_recover(out);
            }
            // A recovering replica takes part in nothing else. Hearing from
            // the primary of a view tells it whom to ask again: anyone whose
            // answer is missing or older than that view.
            VsrMessage::Prepare { view, .. } | VsrMessage::Commit { view, .. } | VsrMessage::StartView { view, .. }
                if from == self.config.primary(view) =>
            {
                let stale: Vec<NodeId> = self
                    .others()
                    .filter(|r| self.recovery_responses.get(r).is_none_or(|resp| resp.view < view))
                    .collect();
                if !stale.is_empty() {
                    note!(out, RECOVERS_AGAIN, node = self.id, from, view);
                }
                for r in stale {
                    out.send(r, VsrMessage::Recovery { nonce: self.nonce });
                }
            }
            _ => {}
        }
    }

    /// §4.3 step 3: with f + 1 answers including one from the primary of the
    /// latest view they name, take the primary's state and become normal.
    fn maybe_recover(&mut self, out: &mut Out) {
        if self.recovery_responses.len() < self.config.f() + 1 {
            return;
        }
        let view = self.recovery_responses.values().map(|r| r.view).max().unwrap_or(0);
        let primary = self.config.primary(view);
        let Some(state) =
            self.recovery_responses.get(&primary).filter(|r| r.view == view).and_then(|r| r.primary.clone())
        else {
            return;
        };
        note!(
            out,
            RECOVERED,
            node = self.id,
            count = self.recovery_responses.len(),
            primary,
            view,
            ops = state.log.len(),
            commit = state.commit_number
        );
        self.replace_log(state.log.into());
        self.commit_number = state.commit_number;
        self.enter_view(view);
        self.recovery_responses.clear();
        out.set_timer(self.config.timing.election_timeout);
    }
}
