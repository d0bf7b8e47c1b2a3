//! The New scenario dialog and the Explore panel: protocols, their options
//! and bug variants, fault kinds, and the search's progress and errors.

use super::{Lang, lang, texts, tr};

texts! { DIALOGS;
    setup_title: "New scenario", "新建场景";
    preset: "Preset", "预设";
    preset_custom: "— custom (the settings below) —", "— 自定义（使用下面的设置）—";
    protocol: "Protocol", "协议";
    nodes: "Servers", "服务器数量";
    seed: "Seed", "随机种子";
    options: "Options", "选项";
    bugs: "Bugs (deliberately wrong variants)", "缺陷（故意写错的变体）";
    bug_tag: "BUG", "缺陷";
    manual: "Manual mode: nothing happens until you deliver a message or fire a timer",
        "手动模式：在你投递消息或触发计时器之前，什么都不会发生";
    start: "Start", "开始";
    cancel: "Cancel", "取消";
    not_yet: "(coming later)", "（即将推出）";
    // --- explore
    explore: "Explore", "探索";
    explore_title_tip: "Search executions for a violation of an invariant", "在各种执行中搜索违反不变式的情况";
    explore_heading: "Explore: search for a counterexample", "探索：搜索反例";
    explore_intro: "Searches executions until an invariant breaks, then lets you replay the counterexample step by step.",
        "搜索各种执行，直到某个不变式被打破，然后可以逐步重放这个反例。";
    explore_mode: "Search", "搜索方式";
    explore_mode_random: "random executions", "随机执行";
    explore_mode_exhaustive: "every order of events (bounded)", "穷举事件顺序（有界）";
    explore_random_hint: "Seeded random executions with faults (the same generator as `quorumscope explore`); a violation is shrunk to a short script. The same first seed repeats a search exactly.",
        "运行带有故障、由种子决定的随机执行（与 `quorumscope explore` 使用同一个生成器）；发现的违反会被缩减成一个简短的脚本。相同的起始种子会完全重复同一次搜索。";
    explore_first_seed: "First seed", "起始种子";
    explore_depth: "Depth (events per path)", "深度（每条路径的事件数）";
    explore_faults: "Faults the search may use", "搜索可以使用的故障";
    explore_budget: "Budget", "预算";
    explore_executions: "executions", "次执行";
    explore_seconds: "seconds", "秒";
    /// The budget's number, named in an error message.
    explore_executions_field: "executions", "执行次数";
    explore_seconds_field: "seconds", "秒数";
    explore_start: "Start search", "开始搜索";
    explore_stop: "Stop", "停止";
    explore_replay: "Replay", "重放";
    explore_no_faults: "Choose at least one fault kind: without faults the search has nothing to try.",
        "请至少选择一种故障：没有故障，搜索就无从尝试。";
    explore_idle: "Not started.", "尚未开始。";
    explore_searching: "Searching…", "正在搜索…";
    explore_exhausted: "No violation found within the budget.", "在预算之内没有发现违反。";
    explore_stopped: "Stopped.", "已停止。";
    explore_nothing_to_shrink: "nothing to shrink", "没有可缩减的内容";
    explore_no_replay: "the counterexample did not replay", "反例没能重放出违反";
    explore_worker_failed: "the search's worker could not be loaded, or it crashed (reload the page and try again)",
        "搜索所用的 Worker 无法加载或已崩溃（请重新加载页面后再试）";
}

pub fn protocol_name(id: &str) -> &'static str {
    match id {
        "raft" => "Raft",
        "multipaxos" => "Multi-Paxos",
        "vsr" => tr("Viewstamped Replication", "视图戳复制（VSR）"),
        _ => "?",
    }
}

/// What a Raft option does ("" for one this UI does not know).
pub fn option_help(id: &str) -> &'static str {
    match id {
        "prevote" => tr(
            "PreVote: ask before disrupting a leader (thesis §9.6)",
            "PreVote：在干扰领导者之前先征询其他服务器（博士论文 §9.6）",
        ),
        "check_quorum" => tr(
            "CheckQuorum: a leader steps down without a majority (thesis §6.2)",
            "CheckQuorum：联系不上多数派的领导者主动退位（博士论文 §6.2）",
        ),
        "noop_on_elect" => tr(
            "No-op on election: a new leader appends an empty entry (§8)",
            "当选后追加空操作：新领导者先追加一条空条目（§8）",
        ),
        "retry_immediately" => tr(
            "Retry at once: a preempted proposer starts phase 1 again without back-off (livelock, PMS §2.4)",
            "立即重试：被抢占的提案者不退避，马上重新开始阶段 1（活锁，PMS §2.4）",
        ),
        _ => "",
    }
}

/// What a bug variant gets wrong ("" for one this UI does not know).
pub fn variant_help(id: &str) -> &'static str {
    match id {
        "commit_by_counting" => tr(
            "commits an old-term entry once it is on a majority (Figure 8)",
            "旧任期的条目一旦复制到多数派就提交（图 8）",
        ),
        "vote_not_persisted" => tr("forgets votedFor in a restart", "重启后忘记 votedFor"),
        "no_up_to_date_check" => tr("votes without the log comparison of §5.4.1", "投票时不做 §5.4.1 的日志新旧比较"),
        "truncate_on_any_append" => {
            tr("truncates the log on every AppendEntries", "每收到一次 AppendEntries 就截断日志")
        }
        "ignore_promised_values" => {
            tr("the proposer ignores values reported in promises", "提案者忽略承诺（Promise）中报告的值")
        }
        "accept_below_promise" => {
            tr("an acceptor accepts a ballot lower than it promised", "接受者接受低于其已承诺选票的提案")
        }
        "acceptor_amnesia" => tr("acceptor state is not durable", "接受者的状态没有持久化"),
        "skip_phase1_on_takeover" => tr("a new leader goes straight to phase 2", "新领导者跳过阶段 1，直接进入阶段 2"),
        "log_by_op_only" => tr(
            "the new primary picks the log with the largest op-number only",
            "新的主副本只按最大的 op-number 挑选日志",
        ),
        "stale_prepare_ok" => tr("counts PrepareOk from an older view", "把旧视图中的 PrepareOk 也计算在内"),
        "recovery_without_nonce" => tr("accepts recovery replies from an older round", "接受来自更早一轮恢复的回复"),
        _ => "",
    }
}

/// What a fault kind of the Explore panel does ("" for an unknown one).
pub fn fault_help(id: &str) -> &'static str {
    match id {
        "crash" => tr(
            "crash and restart servers (also with amnesia), the leader right after it appends",
            "让服务器崩溃并重启（包括失忆重启），也会在领导者刚追加条目后让它崩溃",
        ),
        "partition" => tr("split the cluster into groups", "把集群分成几组"),
        "cut" => tr("cut one direction of a link", "切断链路的一个方向"),
        "drop" => tr("drop a message in flight", "丢弃一条在途消息"),
        "delay" => tr("delay a message", "延迟一条消息"),
        "duplicate" => tr("duplicate a message", "复制一条消息"),
        "timeout" => tr("fire a timer early", "提前触发计时器"),
        "loss" => tr("random message loss and duplication", "随机丢失和重复消息"),
        _ => "",
    }
}

pub fn preset_label(title: &str, bug: bool) -> String {
    match (bug, lang()) {
        (false, _) => title.to_string(),
        (true, Lang::En) => format!("{title} (shows a bug)"),
        (true, Lang::Zh) => format!("{title}（展示缺陷）"),
    }
}

pub fn explore_bad_number(field: &str, raw: &str, min: u64, max: u64) -> String {
    match (raw.is_empty(), lang()) {
        (true, Lang::En) => format!("{field}: enter a whole number from {min} to {max}."),
        (true, Lang::Zh) => format!("{field}：请输入 {min} 到 {max} 之间的整数。"),
        (false, Lang::En) => format!("{field}: {raw:?} is not a whole number from {min} to {max}."),
        (false, Lang::Zh) => format!("{field}：“{raw}”不是 {min} 到 {max} 之间的整数。"),
    }
}

pub fn explore_bad_budget_kind(kind: &str) -> String {
    match lang() {
        Lang::En => format!("Budget: {kind:?} is not executions or seconds."),
        Lang::Zh => format!("预算：“{kind}”既不是执行次数也不是秒数。"),
    }
}

pub fn explore_unknown_variant(v: &str) -> String {
    match lang() {
        Lang::En => format!("{v} is not a bug variant of this protocol."),
        Lang::Zh => format!("{v} 不是这个协议的缺陷变体。"),
    }
}

pub fn explore_failed(reason: &str) -> String {
    match lang() {
        Lang::En => format!("The search stopped: {reason}."),
        Lang::Zh => format!("搜索中止：{reason}。"),
    }
}

/// The title of a counterexample's scenario. It is stored in the scenario
/// (and its links), so it stays in the language it was found in.
pub fn explore_title(invariant: &str, seed: u64) -> String {
    match lang() {
        Lang::En => format!("Counterexample: {invariant} (explore seed {seed}, shrunk)"),
        Lang::Zh => format!("反例：{invariant}（探索种子 {seed}，已缩减）"),
    }
}

/// One line on the exhaustive search, its bounds included.
pub fn explore_exhaustive_hint(nodes: usize, requests: u32, crashes: usize, max_states: usize) -> String {
    match lang() {
        Lang::En => format!(
            "Every order of events on {nodes} servers, breadth-first, with manual delivery and timers (at most {requests} client requests, {crashes} server down at a time, {max_states} states): a violation comes with a shortest path to it."
        ),
        Lang::Zh => format!(
            "在 {nodes} 台服务器上按广度优先穷举所有事件顺序，消息投递和计时器都是手动的（最多 {requests} 个客户端请求，同时最多 {crashes} 台服务器宕机，最多 {max_states} 个状态）：找到的违反带有一条最短路径。"
        ),
    }
}

/// Executions run from `first_seed` on, and how fast (executions and
/// events per second).
pub fn explore_progress(executions: u64, first_seed: u64, rate: f64, events_rate: f64) -> String {
    let last = first_seed.wrapping_add(executions.saturating_sub(1));
    match (executions, lang()) {
        (0, Lang::En) => "0 executions".to_string(),
        (0, Lang::Zh) => "已执行 0 次".to_string(),
        (1, Lang::En) => {
            format!("1 execution (seed {first_seed}), {events_rate:.0} events/s, {rate:.0} executions/s")
        }
        (1, Lang::Zh) => format!("已执行 1 次（种子 {first_seed}），每秒 {events_rate:.0} 个事件、{rate:.0} 次"),
        (_, Lang::En) => format!(
            "{executions} executions (seeds {first_seed}–{last}), {events_rate:.0} events/s, {rate:.0} executions/s"
        ),
        (_, Lang::Zh) => {
            format!("已执行 {executions} 次（种子 {first_seed}–{last}），每秒 {events_rate:.0} 个事件、{rate:.0} 次")
        }
    }
}

/// States explored, the depth explored fully, and the depth asked for.
pub fn explore_progress_states(states: usize, depth: usize, max_depth: usize) -> String {
    match lang() {
        Lang::En => format!("{states} states, depth {depth} of {max_depth}"),
        Lang::Zh => format!("已探索 {states} 个状态，深度 {depth}/{max_depth}"),
    }
}

/// The exhaustive search's end without a violation; `limit` when its state
/// limit stopped it before the depth asked for.
pub fn explore_safe(depth: usize, states: usize, limit: Option<usize>) -> String {
    match (limit, lang()) {
        (None, Lang::En) => format!("No violation up to depth {depth} ({states} states)."),
        (None, Lang::Zh) => format!("深度 {depth} 以内没有违反（{states} 个状态）。"),
        (Some(max), Lang::En) => format!(
            "No violation up to depth {depth} ({states} states); the limit of {max} states ended the search there."
        ),
        (Some(max), Lang::Zh) => {
            format!("深度 {depth} 以内没有违反（{states} 个状态）；搜索在达到 {max} 个状态的上限时结束。")
        }
    }
}

/// The title of an exhaustive search's counterexample (stored in the
/// scenario, like [`explore_title`]).
pub fn explore_shortest_title(invariant: &str, actions: usize) -> String {
    match lang() {
        Lang::En => format!("Counterexample: {invariant} (exhaustive search, a shortest path of {actions} actions)"),
        Lang::Zh => format!("反例：{invariant}（穷举搜索，最短路径，{actions} 个操作）"),
    }
}

pub fn explore_found_shortest(invariant: &str, actions: usize, event: usize) -> String {
    let n = event + 1;
    match lang() {
        Lang::En => {
            format!("{invariant} violated on a shortest path of {actions} actions; the violation is event #{n}.")
        }
        Lang::Zh => format!("{invariant} 被违反，最短路径有 {actions} 个操作；违反发生在事件 #{n}。"),
    }
}

/// Shrinking the counterexample of `seed`: `best` actions of its `original`
/// so far.
pub fn explore_shrinking(invariant: &str, seed: u64, tries: usize, original: usize, best: usize) -> String {
    match lang() {
        Lang::En => {
            format!(
                "{invariant} broken in seed {seed}; shrinking: {best} of {original} actions so far ({tries} replays)…"
            )
        }
        Lang::Zh => {
            format!("种子 {seed} 打破了 {invariant}；正在缩减：目前 {best}/{original} 个操作（已重放 {tries} 次）…")
        }
    }
}

pub fn explore_found(invariant: &str, seed: u64, actions: usize, original: usize, event: usize) -> String {
    let n = event + 1;
    match lang() {
        Lang::En => format!(
            "{invariant} violated (seed {seed}). Shrunk from {original} to {actions} script actions; the violation is event #{n}."
        ),
        Lang::Zh => format!(
            "{invariant} 被违反（种子 {seed}）。脚本操作从 {original} 个缩减到 {actions} 个；违反发生在事件 #{n}。"
        ),
    }
}

#[cfg(test)]
mod tests {
    use protocol_core::ProtocolId;
    use protocol_core::explore::Fault;

    use super::*;
    use crate::text::tests::{has_cjk, in_lang};

    #[test]
    fn every_option_variant_and_fault_is_explained_in_both_languages() {
        let mut ids: Vec<&str> = Vec::new();
        for p in ProtocolId::ALL {
            ids.extend(crate::adapter::options(p).iter().map(|o| option_help(o)));
            ids.extend(p.variants().iter().map(|v| variant_help(v)));
        }
        ids.extend(Fault::ALL.iter().map(|f| fault_help(f.id())));
        assert!(ids.iter().all(|h| !h.is_empty() && !has_cjk(h)), "{ids:?}");
        for p in ProtocolId::ALL {
            in_lang(Lang::Zh, || {
                assert!(crate::adapter::options(p).iter().all(|o| has_cjk(option_help(o))));
                assert!(p.variants().iter().all(|v| has_cjk(variant_help(v))), "{p:?}");
            });
        }
        in_lang(Lang::Zh, || {
            assert!(Fault::ALL.iter().all(|f| has_cjk(fault_help(f.id()))));
        });
    }

    #[test]
    fn formatted_texts_are_translated() {
        let all = || {
            vec![
                preset_label("T", true),
                explore_bad_number("Servers", "", 3, 9),
                explore_bad_number("Servers", "x", 3, 9),
                explore_bad_budget_kind("minutes"),
                explore_unknown_variant("v"),
                explore_failed("r"),
                explore_title("Agreement", 3),
                explore_exhaustive_hint(3, 2, 1, 100),
                explore_progress(10, 3, 2.0, 300.0),
                explore_progress(1, 3, 2.0, 300.0),
                explore_progress_states(10, 2, 5),
                explore_safe(4, 100, None),
                explore_safe(4, 100, Some(100)),
                explore_shortest_title("ElectionSafety", 8),
                explore_found_shortest("ElectionSafety", 8, 7),
                explore_shrinking("Agreement", 3, 4, 9, 5),
                explore_found("Agreement", 3, 4, 10, 7),
                protocol_name("vsr").to_string(),
            ]
        };
        let en = all();
        let zh = in_lang(Lang::Zh, all);
        for (e, z) in en.iter().zip(&zh) {
            assert!(!has_cjk(e), "{e}");
            assert!(has_cjk(z), "{z}");
        }
        assert_eq!(en[1], "Servers: enter a whole number from 3 to 9.");
        assert_eq!(in_lang(Lang::Zh, || protocol_name("raft")), "Raft");
    }
}
