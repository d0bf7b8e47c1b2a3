//! The cluster drawing and its legend, the inspector, the network panel and
//! the logs; and the kernel's fixed labels (roles, epochs, quorums, field
//! names), which the kernel gives in English.

use super::{Lang, lang, servers, texts};

texts! { CLUSTER;
    cluster_label: "The cluster: servers on a ring, messages in flight between them",
        "集群：服务器排成一圈，消息在它们之间传递";
    crashed: "crashed", "已崩溃";
    legend: "Legend", "图例";
    legend_roles: "Roles", "角色";
    legend_messages: "Messages", "消息";
    legend_timer: "ring = time left on the node's timer", "圆环 = 节点计时器的剩余时间";
    legend_cut: "red dashes = cut link (arrow: blocked direction)", "红色虚线 = 被切断的链路（箭头指向被阻断的方向）";
    reply_hint: "hollow = reply", "空心 = 回复";
    role_leader: "leader", "领导者";
    role_candidate: "candidate", "候选人";
    role_follower: "follower", "跟随者";
    // --- inspector
    inspector: "Inspector", "检查器";
    inspector_empty: "Click a server or a message to inspect it and act on it.",
        "点击一台服务器或一条消息，查看它的详情并对它进行操作。";
    durable: "Durable (survives a crash)", "持久状态（崩溃后仍保留）";
    volatile: "Volatile (lost in a crash)", "易失状态（崩溃时丢失）";
    crash: "Crash", "崩溃";
    restart: "Restart", "重启";
    restart_amnesia: "Restart with amnesia", "失忆重启";
    restart_amnesia_title: "Restart with nothing on disk: even the durable state is lost",
        "重启时磁盘上什么都没有：连持久状态也丢失了";
    fire_timer: "Fire timer", "触发计时器";
    client_request: "Client request", "客户端请求";
    request_value: "Command", "命令";
    node_is_crashed: "This server is crashed: it keeps only its durable state.",
        "这台服务器已崩溃：它只保留持久状态。";
    no_quorum: "Not collecting a quorum.", "当前没有在收集法定人数。";
    nobody_yet: "nobody yet", "还没有";
    message: "Message", "消息";
    message_gone: "This message is no longer in flight.", "这条消息已经不在途中了。";
    deliver_now: "Deliver now", "立即投递";
    drop_msg: "Drop", "丢弃";
    duplicate: "Duplicate", "复制";
    delay: "Delay", "延迟";
    delay_ms: "by ms", "毫秒数";
    // --- network
    network: "Network", "网络";
    isolate_hint: "Select a server to isolate it", "先选中一台服务器才能隔离它";
    groups: "Partition into groups (click a server to switch its group)", "划分分区（点击服务器切换它所在的组）";
    partition: "Partition", "分区";
    cut: "Cut", "切断";
    cut_label: "Cut one direction", "切断一个方向";
    cut_from: "from", "从";
    cut_to: "to", "到";
    heal: "Heal all links", "恢复所有链路";
    loss: "Loss %", "丢包率 %";
    dup: "Duplication %", "重复率 %";
    latency: "Latency ms", "延迟 ms";
    apply: "Apply", "应用";
    // --- logs
    logs: "Logs", "日志";
    log_hint: "Each cell is an entry, coloured by its term; a thick border means committed at that server; a red mark means it differs from what is committed.",
        "每个格子是一条日志条目，颜色表示它的任期；粗边框表示它在这台服务器上已提交；红色标记表示它与已提交的内容不一致。";
    log_empty: "No entries yet: select the leader and send a client request.",
        "还没有日志条目：选中领导者，发送一个客户端请求。";
}

/// The kernel's English labels of roles, epochs, quorums and inspector fields
/// in Chinese. Identifiers from the papers (currentTerm, op-number, message
/// types) stay in English. None: a label this table does not know yet; it is
/// shown as the kernel says it, and `every_kernel_label_is_translated` fails.
fn zh_kernel_label(label: &'static str) -> Option<&'static str> {
    Some(match label {
        // roles
        "leader" => "领导者",
        "candidate" => "候选人",
        "pre-candidate" => "预候选人",
        "follower" => "跟随者",
        "proposer (phase 1)" => "提案者（阶段 1）",
        "acceptor" => "接受者",
        "primary" => "主副本",
        "backup" => "备份副本",
        "view change" => "视图变更中",
        "recovering" => "恢复中",
        // epochs
        "term" => "任期",
        "ballot" => "选票",
        "view" => "视图",
        // quorums
        "votes" => "投票",
        "pre-votes" => "预投票",
        "acks for the last entry" => "对最后一条日志条目的确认",
        "promises (phase 1)" => "承诺（阶段 1）",
        "Accepted for the oldest undecided slot" => "最早未决定槽位的 Accepted",
        "PrepareOk for the latest op" => "最新操作的 PrepareOk",
        // inspector fields named in words
        "log length" => "日志长度",
        "promised" => "已承诺",
        "accepted" => "已接受",
        "decided up to" => "已决定至",
        "quorums" => "法定人数",
        "next slot" => "下一个槽位",
        "replica number" => "副本编号",
        "status" => "状态",
        "last normal view" => "最近的正常视图",
        // identifiers, kept
        "currentTerm" | "votedFor" | "commitIndex" | "lastApplied" | "nextIndex" | "matchIndex" | "view-number"
        | "op-number" | "commit-number" | "client-table" | "nonce" | "DoViewChange" | "StartViewChange"
        | "RecoveryResponse" => label,
        _ => return None,
    })
}

/// A role, epoch, quorum or field label from the kernel, in the current language.
pub fn kernel_label(label: &'static str) -> &'static str {
    match lang() {
        Lang::En => label,
        Lang::Zh => zh_kernel_label(label).unwrap_or(label),
    }
}

/// An inspector value from the kernel: numbers, nodes and entries read the
/// same in every language; the few words the kernel uses are translated.
pub fn kernel_value(value: &str) -> &str {
    match (lang(), value) {
        (Lang::Zh, "none") => "无",
        (Lang::Zh, "empty") => "空",
        _ => value,
    }
}

/// The short word after a quorum count under a node ("2/3 votes").
pub fn quorum_word(what: &'static str) -> &'static str {
    match (lang(), what) {
        (Lang::Zh, "votes") => "票",
        (Lang::Zh, "pre-votes") => "预投票",
        (Lang::Zh, "acks for the last entry") => "确认",
        (Lang::Zh, "promises (phase 1)") => "承诺",
        // The rest start with a message type, the same in every language.
        _ => what.split(' ').next().unwrap_or(what),
    }
}

pub fn node_name(id: u8) -> String {
    format!("S{id}")
}

/// The epoch inside a node's circle ("t3", "b2", "v1"): a letter of the
/// kernel's English epoch name in every language, like S1 and the role letters.
pub fn epoch_short(epoch_label: &str, epoch: u64) -> String {
    let first = epoch_label.chars().next().unwrap_or('e');
    format!("{first}{epoch}")
}

pub fn node_aria(id: u8, role_label: &'static str, epoch_label: &'static str, epoch: u64) -> String {
    let (role, epoch_label) = (kernel_label(role_label), kernel_label(epoch_label));
    match lang() {
        Lang::En => format!("S{id}, {role}, {epoch_label} {epoch}"),
        Lang::Zh => format!("S{id}，{role}，{epoch_label} {epoch}"),
    }
}

pub fn node_crashed_aria(id: u8) -> String {
    match lang() {
        Lang::En => format!("S{id}, crashed"),
        Lang::Zh => format!("S{id}，已崩溃"),
    }
}

pub fn msg_aria(id: u64, kind: &str, from: u8, to: u8) -> String {
    match lang() {
        Lang::En => format!("message #{id}: {kind} from S{from} to S{to}"),
        Lang::Zh => format!("消息 #{id}：从 S{from} 发往 S{to} 的 {kind}"),
    }
}

pub fn quorum(what: &'static str, have: usize, need: usize) -> String {
    let what = kernel_label(what);
    match lang() {
        Lang::En => format!("{what}: {have} of {need} needed"),
        Lang::Zh => format!("{what}：已有 {have} 个，需要 {need} 个"),
    }
}

pub fn quorum_short(have: usize, need: usize) -> String {
    format!("{have}/{need}")
}

/// The servers in a quorum so far.
pub fn who(nodes: &[u8]) -> String {
    if nodes.is_empty() { nobody_yet().to_string() } else { servers(nodes) }
}

/// "S2 · leader": `role` already in the current language.
pub fn node_title(id: u8, role: &str) -> String {
    format!("S{id} · {role}")
}

pub fn epoch_line(epoch_label: &'static str, epoch: u64, commit: u64) -> String {
    let epoch_label = kernel_label(epoch_label);
    match lang() {
        Lang::En => format!("{epoch_label} {epoch} · commit index {commit}"),
        Lang::Zh => format!("{epoch_label} {epoch} · 提交索引 {commit}"),
    }
}

pub fn msg_title(id: u64, kind: &str) -> String {
    format!("#{id} {kind}")
}

pub fn msg_route(from: u8, to: u8) -> String {
    format!("S{from} → S{to}")
}

pub fn msg_times(sent: u64, deliver: u64) -> String {
    match lang() {
        Lang::En => format!("sent at {sent} ms, arrives at {deliver} ms"),
        Lang::Zh => format!("发送于 {sent} ms，将于 {deliver} ms 到达"),
    }
}

pub fn isolate(id: u8) -> String {
    match lang() {
        Lang::En => format!("Isolate S{id}"),
        Lang::Zh => format!("隔离 S{id}"),
    }
}

/// A server's partition group button ("S2: B").
pub fn group_button(id: u8, group: u8) -> String {
    let g = (b'A' + group) as char;
    format!("S{id}: {g}")
}

/// The label of a link in the cluster drawing, which cuts it when clicked.
pub fn cut_link_label(a: u8, b: u8) -> String {
    match lang() {
        Lang::En => format!("Cut the link between S{a} and S{b} (both directions)"),
        Lang::Zh => format!("切断 S{a} 与 S{b} 之间的链路（双向）"),
    }
}

pub fn log_cell_title(index: u64, epoch_label: &'static str, epoch: u64, label: &str, committed: bool) -> String {
    let epoch_label = kernel_label(epoch_label);
    match lang() {
        Lang::En => {
            let c = if committed { ", committed" } else { "" };
            format!("index {index}, {epoch_label} {epoch}: {label}{c}")
        }
        Lang::Zh => {
            let c = if committed { "，已提交" } else { "" };
            format!("索引 {index}，{epoch_label} {epoch}：{label}{c}")
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use protocol_core::explore::{self, Config};
    use protocol_core::scenario::OptionValue;
    use protocol_core::{AnySim, ProtocolId};

    use super::*;
    use crate::text::tests::{has_cjk, in_lang};

    /// Every role, epoch, quorum and field label the kernel shows in random
    /// executions with every fault (crashes, view changes, recoveries) and in
    /// every preset.
    fn kernel_labels() -> (BTreeSet<&'static str>, BTreeSet<String>) {
        let mut scenarios: Vec<_> = protocol_core::scenario::presets::PRESETS.iter().map(|p| p.scenario()).collect();
        for p in ProtocolId::ALL {
            let mut config = Config::new(p);
            config.options =
                crate::adapter::options(p).iter().map(|o| (o.to_string(), OptionValue::Bool(true))).collect();
            for seed in 1..=12 {
                scenarios.extend(explore::generate(&config, seed).ok().map(|(s, _)| s));
            }
        }
        let (mut labels, mut words) = (BTreeSet::new(), BTreeSet::new());
        for s in scenarios {
            let Ok(mut sim) = AnySim::new(s) else { continue };
            sim.set_explain(false);
            for _ in 0..3000 {
                for n in sim.view().nodes {
                    let Some(v) = n.view else { continue };
                    labels.extend([v.role_label, v.epoch_label]);
                    labels.extend(v.quorum.map(|q| q.what));
                    labels.extend(v.fields.iter().map(|f| f.name));
                    // Values that are words, not numbers, nodes or entries.
                    let is_word = |x: &str| !x.is_empty() && x.chars().all(|c| c.is_ascii_lowercase() || c == '-');
                    words.extend(v.fields.into_iter().map(|f| f.value).filter(|x| is_word(x)));
                }
                if !sim.step_event().0 {
                    break;
                }
            }
        }
        (labels, words)
    }

    #[test]
    fn every_kernel_label_is_translated() {
        let (labels, words) = kernel_labels();
        assert!(labels.len() > 30, "{labels:?}");
        let missing: Vec<_> = labels.iter().filter(|l| zh_kernel_label(l).is_none()).collect();
        assert!(missing.is_empty(), "no Chinese for the kernel's {missing:?}");
        assert!(labels.contains("pre-candidate") && labels.contains("recovering"), "{labels:?}");
        // The inspector's word values: VSR's status names stay as in the
        // paper, like the field names; the others are translated.
        let statuses = ["normal", "view-change", "recovering"];
        let untranslated: Vec<_> = words
            .iter()
            .filter(|w| !statuses.contains(&w.as_str()) && !has_cjk(in_lang(Lang::Zh, || kernel_value(w))))
            .collect();
        assert!(untranslated.is_empty() && words.contains("none"), "{words:?}");
    }

    #[test]
    fn formatted_texts_are_translated() {
        let all = || {
            vec![
                node_aria(2, "leader", "term", 3),
                node_crashed_aria(2),
                msg_aria(7, "AppendEntries", 1, 2),
                quorum("votes", 2, 3),
                who(&[]),
                epoch_line("term", 3, 1),
                msg_times(10, 20),
                isolate(3),
                cut_link_label(1, 2),
                log_cell_title(1, "term", 2, "x", true),
            ]
        };
        let en = all();
        let zh = in_lang(Lang::Zh, all);
        for (e, z) in en.iter().zip(&zh) {
            assert!(!has_cjk(e), "{e}");
            assert!(has_cjk(z), "{z}");
        }
        assert_eq!(en[0], "S2, leader, term 3");
        assert_eq!(zh[0], "S2，领导者，任期 3");
        assert_eq!(quorum_word("acks for the last entry"), "acks");
        assert_eq!(in_lang(Lang::Zh, || quorum_word("PrepareOk for the latest op")), "PrepareOk");
        assert_eq!(in_lang(Lang::Zh, || kernel_label("commitIndex")), "commitIndex");
        assert_eq!(in_lang(Lang::Zh, || kernel_label("something new")), "something new");
    }
}
