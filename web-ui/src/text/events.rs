//! The event list: each event's headline (what happened, from the trace's
//! `What`) and the actions a user or a script takes; the invariant panel and
//! the violation banner.

use protocol_core::scenario::{Action, Matcher};
use protocol_core::trace::{Event, LossReason, What};

use super::{Lang, lang, servers, texts, tr};

texts! { EVENTS;
    events: "Events", "事件";
    events_empty: "Nothing has happened yet. Press Play or Step.", "还什么都没有发生。请按“播放”或“单步”。";
    events_hint: "Click an event to go back to it.", "点击一个事件即可回到那里。";
    invariants: "Invariants", "不变式";
    holds: "holds", "成立";
    violated: "violated", "被违反";
}

pub fn event_number(i: usize) -> String {
    format!("#{}", i + 1)
}

pub fn event_time(ms: u64) -> String {
    format!("{ms} ms")
}

/// One line: what happened in an event. The English is what the kernel's
/// `Event::headline` says (a test keeps them equal).
pub fn headline(e: &Event) -> String {
    match (&e.what, lang()) {
        (What::Deliver { id, from, to, msg, summary }, Lang::En) => {
            let payload = summary.as_ref().map(|t| format!(" ({})", super::explain(t))).unwrap_or_default();
            format!("S{to} receives {msg} #{id} from S{from}{payload}")
        }
        (What::Deliver { id, from, to, msg, summary }, Lang::Zh) => {
            let payload = summary.as_ref().map(|t| format!("（{}）", super::explain(t))).unwrap_or_default();
            format!("S{to} 收到来自 S{from} 的 {msg} #{id}{payload}")
        }
        (What::Lost { id, from, to, msg, reason }, Lang::En) => {
            let why = match reason {
                LossReason::Crashed => format!("S{to} is down"),
                LossReason::Cut => format!("the link S{from} → S{to} is cut"),
                LossReason::Network => "the network lost it".to_string(),
            };
            format!("{msg} #{id} from S{from} to S{to} is lost: {why}")
        }
        (What::Lost { id, from, to, msg, reason }, Lang::Zh) => {
            let why = match reason {
                LossReason::Crashed => format!("S{to} 已崩溃"),
                LossReason::Cut => format!("链路 S{from} → S{to} 已被切断"),
                LossReason::Network => "被网络丢弃".to_string(),
            };
            format!("从 S{from} 发往 S{to} 的 {msg} #{id} 丢失了：{why}")
        }
        (What::Timer { node }, Lang::En) => format!("S{node}'s timer fires"),
        (What::Timer { node }, Lang::Zh) => format!("S{node} 的计时器触发"),
        (What::Do { action: a }, Lang::En) => format!("You: {}", action(a)),
        (What::Do { action: a }, Lang::Zh) => format!("你：{}", action(a)),
    }
}

/// A script action, as the event list names it. The English is the kernel's
/// `Display` of the action (a test keeps them equal).
pub fn action(a: &Action) -> String {
    let l = lang();
    match (a, l) {
        (Action::Run { ms: Some(ms), .. }, Lang::En) => format!("run {ms} ms"),
        (Action::Run { ms: Some(ms), .. }, Lang::Zh) => format!("运行 {ms} ms"),
        (Action::Run { events, .. }, Lang::En) => format!("run {} events", events.unwrap_or(0)),
        (Action::Run { events, .. }, Lang::Zh) => format!("运行 {} 个事件", events.unwrap_or(0)),
        (Action::Request { node, value }, Lang::En) => format!("client request {value:?} to S{node}"),
        (Action::Request { node, value }, Lang::Zh) => format!("向 S{node} 发送客户端请求“{value}”"),
        (Action::Timeout { node }, Lang::En) => format!("fire S{node}'s timer"),
        (Action::Timeout { node }, Lang::Zh) => format!("触发 S{node} 的计时器"),
        (Action::Deliver(m), _) => format!("{} {}", tr("deliver", "投递"), matcher(m)),
        (Action::Drop(m), _) => format!("{} {}", tr("drop", "丢弃"), matcher(m)),
        (Action::Duplicate(m), _) => format!("{} {}", tr("duplicate", "复制"), matcher(m)),
        (Action::Delay(d), Lang::En) => format!("delay {} by {} ms", matcher(&d.matcher()), d.ms),
        (Action::Delay(d), Lang::Zh) => format!("将 {} 延迟 {} ms", matcher(&d.matcher()), d.ms),
        (Action::Crash { node }, Lang::En) => format!("crash S{node}"),
        (Action::Crash { node }, Lang::Zh) => format!("让 S{node} 崩溃"),
        (Action::Restart { node, amnesia: false }, _) => format!("{} S{node}", tr("restart", "重启")),
        (Action::Restart { node, amnesia: true }, Lang::En) => format!("restart S{node} with amnesia"),
        (Action::Restart { node, amnesia: true }, Lang::Zh) => format!("失忆重启 S{node}"),
        (Action::Partition { groups }, _) => {
            let gs: Vec<String> =
                groups.iter().map(|g| g.iter().map(|n| format!("S{n}")).collect::<Vec<_>>().join(" ")).collect();
            format!("{} {{{}}}", tr("partition", "分区"), gs.join("} {"))
        }
        (Action::Cut { from, to }, _) => format!("{} S{from} → S{to}", tr("cut", "切断")),
        (Action::Heal {}, _) => tr("heal the network", "恢复网络").to_string(),
        (Action::Set(c), Lang::En) => {
            let mut s = "set network".to_string();
            if let Some(l) = c.loss {
                s += &format!(" loss {l}");
            }
            if let Some(d) = c.duplicate {
                s += &format!(" duplicate {d}");
            }
            if let Some([a, b]) = c.latency {
                s += &format!(" latency {a}..{b} ms");
            }
            s
        }
        (Action::Set(c), Lang::Zh) => {
            let mut parts = Vec::new();
            parts.extend(c.loss.map(|l| format!("丢包率 {l}")));
            parts.extend(c.duplicate.map(|d| format!("重复率 {d}")));
            parts.extend(c.latency.map(|[a, b]| format!("延迟 {a}..{b} ms")));
            if parts.is_empty() { "设置网络".to_string() } else { format!("设置网络：{}", parts.join("，")) }
        }
    }
}

/// The messages an action picks ("#3 AppendEntries from S1").
fn matcher(m: &Matcher) -> String {
    let mut parts = Vec::new();
    parts.extend(m.id.map(|id| format!("#{id}")));
    parts.extend(m.kind.clone());
    parts.extend(m.from.map(|n| format!("{} S{n}", tr("from", "来自"))));
    parts.extend(m.to.map(|n| format!("{} S{n}", tr("to", "发往"))));
    if parts.is_empty() { tr("any message", "任意消息").to_string() } else { parts.join(" ") }
}

/// What an invariant says, citing the paper ("" for one this UI does not know).
pub fn invariant_help(id: &str) -> &'static str {
    match id {
        "ElectionSafety" => tr("At most one leader per term (Figure 3).", "每个任期内最多只有一个领导者（图 3）。"),
        "LeaderAppendOnly" => tr(
            "A leader never overwrites or deletes its own entries (Figure 3).",
            "领导者从不覆盖或删除自己日志中的条目（图 3）。",
        ),
        "LogMatching" => tr(
            "Two logs with an entry of the same index and term agree up to it (Figure 3).",
            "如果两个日志在某个索引处的条目任期相同，那么两者到该索引为止完全相同（图 3）。",
        ),
        "LeaderCompleteness" => tr(
            "A committed entry is in the log of every later leader (Figure 3).",
            "已提交的条目一定出现在之后每一任领导者的日志中（图 3）。",
        ),
        "StateMachineSafety" => tr(
            "No two servers apply different commands at one index (Figure 3).",
            "任意两台服务器都不会在同一索引处应用不同的命令（图 3）。",
        ),
        "AckedWriteDurable" => {
            tr("A write acknowledged to a client stays committed.", "已向客户端确认的写入会一直保持提交状态。")
        }
        "Agreement" => tr("At most one value is chosen per slot.", "每个槽位最多只有一个值被选定。"),
        "Validity" => tr("Only proposed values are chosen.", "只有被提出过的值才会被选定。"),
        "PromiseKept" => {
            tr("An acceptor never accepts below a ballot it promised.", "接受者从不接受低于其已承诺选票的提案。")
        }
        "CommittedPrefixAgreement" => {
            tr("Replicas agree on every committed operation.", "各副本在每个已提交的操作上保持一致。")
        }
        "CommitWithinLog" => tr("The commit-number never passes the op-number.", "commit-number 从不超过 op-number。"),
        _ => "",
    }
}

pub fn violation_banner(invariant: &str, event: usize, time: u64) -> String {
    let n = event + 1;
    match lang() {
        Lang::En => format!("{invariant} violated at event #{n} ({time} ms)"),
        Lang::Zh => format!("{invariant} 在事件 #{n}（{time} ms）被违反"),
    }
}

pub fn violation_nodes(nodes: &[u8]) -> String {
    match lang() {
        Lang::En => format!("Servers involved: {}", servers(nodes)),
        Lang::Zh => format!("涉及的服务器：{}", servers(nodes)),
    }
}

#[cfg(test)]
mod tests {
    use protocol_core::explore::{self, Config};
    use protocol_core::scenario::{DelayBy, NetworkChange, presets};
    use protocol_core::{AnySim, ProtocolId};

    use super::*;
    use crate::text::tests::{has_cjk, in_lang};

    /// Events of every kind: the presets and random executions with every fault.
    fn traces() -> Vec<Event> {
        let mut scenarios: Vec<_> = presets::PRESETS.iter().map(|p| p.scenario()).collect();
        for p in ProtocolId::ALL {
            for seed in 1..=6 {
                scenarios.extend(explore::generate(&Config::new(p), seed).ok().map(|(s, _)| s));
            }
        }
        let mut events = Vec::new();
        for s in scenarios {
            let Ok(mut sim) = AnySim::new(s) else { continue };
            sim.set_explain(false);
            sim.run_to_end();
            events.extend(sim.events().iter().cloned());
        }
        events
    }

    #[test]
    fn headlines_are_the_kernels_in_english_and_chinese_in_chinese() {
        let events = traces();
        let mut kinds = std::collections::BTreeSet::new();
        for e in &events {
            assert_eq!(headline(e), e.headline());
            let zh = in_lang(Lang::Zh, || headline(e));
            assert!(has_cjk(&zh), "{zh}");
            kinds.insert(match &e.what {
                What::Do { action } => action.name().to_string(),
                What::Lost { reason, .. } => format!("lost {reason:?}"),
                other => format!("{other:?}").split_whitespace().next().unwrap_or_default().to_string(),
            });
        }
        for k in ["Deliver", "Timer", "lost Crashed", "lost Cut", "crash", "restart", "partition", "heal", "drop"] {
            assert!(kinds.contains(k), "no {k} event in {kinds:?}");
        }
    }

    #[test]
    fn every_action_reads_as_the_kernel_says_it_in_english() {
        let m = Matcher { id: Some(3), from: Some(1), to: Some(2), kind: Some("AppendEntries".into()) };
        let actions = [
            Action::run_ms(100),
            Action::run_events(4),
            Action::Request { node: 1, value: "x=1".into() },
            Action::Timeout { node: 2 },
            Action::Deliver(m.clone()),
            Action::Drop(Matcher::id(4)),
            Action::Duplicate(Matcher::default()),
            Action::Delay(DelayBy { id: Some(5), ms: 30, ..DelayBy::default() }),
            Action::Crash { node: 3 },
            Action::Restart { node: 3, amnesia: false },
            Action::Restart { node: 3, amnesia: true },
            Action::Partition { groups: vec![vec![1, 2], vec![3]] },
            Action::Cut { from: 4, to: 3 },
            Action::Heal {},
            Action::Set(NetworkChange { loss: Some(0.1), duplicate: Some(0.2), latency: Some([10, 30]) }),
            Action::Set(NetworkChange::default()),
        ];
        for a in &actions {
            assert_eq!(action(a), a.to_string());
            let zh = in_lang(Lang::Zh, || action(a));
            assert!(has_cjk(&zh), "{zh}");
        }
        assert_eq!(in_lang(Lang::Zh, || action(&actions[4])), "投递 #3 AppendEntries 来自 S1 发往 S2");
    }

    #[test]
    fn every_invariant_is_explained_in_both_languages() {
        for p in ProtocolId::ALL {
            let Ok(sim) = AnySim::new(protocol_core::Scenario::new(p)) else { continue };
            for id in sim.invariants() {
                assert!(!invariant_help(id).is_empty(), "{id}");
                assert!(has_cjk(in_lang(Lang::Zh, || invariant_help(id))), "{id}");
            }
        }
        let en = [violation_banner("ElectionSafety", 4, 300), violation_nodes(&[1, 2])];
        let zh = in_lang(Lang::Zh, || [violation_banner("ElectionSafety", 4, 300), violation_nodes(&[1, 2])]);
        assert_eq!(en[0], "ElectionSafety violated at event #5 (300 ms)");
        assert!(zh.iter().all(|z| has_cjk(z)));
    }
}
