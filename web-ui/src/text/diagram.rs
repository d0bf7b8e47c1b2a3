//! The space-time diagram (its hover texts too) and compare mode.

use protocol_core::trace::LossReason;

use super::{Lang, lang, texts};
use crate::spacetime::{Arrow, End, LaneMark, MarkDetail, MarkKind};

texts! { DIAGRAM;
    st_views: "Diagram and comparison", "时空图与协议对比";
    st_diagram: "Space-time diagram", "时空图";
    st_hint: "One lane per server, time to the right. Click an arrow or a mark to go there; hover for details.",
        "每台服务器一条泳道，时间向右推进。点击箭头或标记即可跳到那里；鼠标悬停可查看详情。";
    st_zoom_in: "Zoom in", "放大";
    st_zoom_out: "Zoom out", "缩小";
    st_pan_back: "Earlier", "更早";
    st_pan_forward: "Later", "更晚";
    st_fit: "Whole run", "整次运行";
    st_follow: "Follow", "跟随";
    st_export: "Export SVG", "导出 SVG";
    st_export_png: "Export PNG", "导出 PNG";
    compare: "Compare protocols", "协议对比";
    cmp_hint: "The same servers, seed, network and faults at the same times (message actions left out), on one clock.",
        "相同的服务器、种子和网络，在相同的时刻注入相同的故障（不含针对单条消息的操作），共用一个时钟。";
    cmp_first_leader: "First leader/primary", "首个领导者/主副本";
    cmp_commits: "Commits", "提交数";
    cmp_sent: "Messages sent", "已发送消息";
    cmp_unavailable: "Without a leader", "无领导者时长";
    cmp_none: "not yet", "尚未出现";
}

pub fn cmp_unavailable_time(ms: u64, periods: usize) -> String {
    match lang() {
        Lang::En => {
            let p = if periods == 1 { "period" } else { "periods" };
            format!("{ms} ms in {periods} {p}")
        }
        Lang::Zh => format!("{periods} 段，共 {ms} ms"),
    }
}

pub fn st_title(protocol: &str, scenario: &str) -> String {
    match (scenario.is_empty(), lang()) {
        (false, _) => format!("{protocol} · {scenario}"),
        (true, Lang::En) => format!("{protocol} · space-time diagram"),
        (true, Lang::Zh) => format!("{protocol} · 时空图"),
    }
}

pub fn st_down(node: u8, from: u64, to: Option<u64>) -> String {
    match (to, lang()) {
        (Some(to), Lang::En) => format!("S{node} is down from {from} ms to {to} ms"),
        (Some(to), Lang::Zh) => format!("S{node} 在 {from} ms 到 {to} ms 之间处于崩溃状态"),
        (None, Lang::En) => format!("S{node} is down since {from} ms"),
        (None, Lang::Zh) => format!("S{node} 自 {from} ms 起处于崩溃状态"),
    }
}

/// An arrow's hover text: the message, its payload and how it ended.
pub fn st_arrow(a: &Arrow) -> String {
    let (id, kind, from, to, sent) = (a.id, a.kind, a.from, a.to, a.sent);
    match lang() {
        Lang::En => {
            let end = match (a.end, a.end_time) {
                (End::Delivered, Some(t)) => format!("delivered at {t} ms"),
                (End::Lost(LossReason::Crashed), Some(t)) => format!("lost at {t} ms: S{to} is down"),
                (End::Lost(LossReason::Cut), Some(t)) => format!("lost at {t} ms: the link is cut"),
                (End::Lost(_), Some(t)) => format!("lost at {t} ms: the network lost it"),
                (End::Dropped, Some(t)) => format!("dropped at {t} ms"),
                _ => "still in flight".to_string(),
            };
            let copy = a.copy_of.map(|o| format!(", a copy of #{o}")).unwrap_or_default();
            let summary = a.summary.as_ref().map(|t| format!(" ({})", super::explain(t))).unwrap_or_default();
            format!("#{id} {kind} S{from} → S{to}{summary}: sent at {sent} ms, {end}{copy}")
        }
        Lang::Zh => {
            let end = match (a.end, a.end_time) {
                (End::Delivered, Some(t)) => format!("于 {t} ms 送达"),
                (End::Lost(LossReason::Crashed), Some(t)) => format!("于 {t} ms 丢失：S{to} 已崩溃"),
                (End::Lost(LossReason::Cut), Some(t)) => format!("于 {t} ms 丢失：链路已被切断"),
                (End::Lost(_), Some(t)) => format!("于 {t} ms 丢失：被网络丢弃"),
                (End::Dropped, Some(t)) => format!("于 {t} ms 被丢弃"),
                _ => "仍在途中".to_string(),
            };
            let copy = a.copy_of.map(|o| format!("，是 #{o} 的副本")).unwrap_or_default();
            let summary = a.summary.as_ref().map(|t| format!("（{}）", super::explain(t))).unwrap_or_default();
            format!("#{id} {kind} S{from} → S{to}{summary}：发送于 {sent} ms，{end}{copy}")
        }
    }
}

/// A lane mark's hover text.
pub fn st_mark(m: &LaneMark) -> String {
    let n = m.node;
    let d = match &m.detail {
        MarkDetail::None => String::new(),
        MarkDetail::Command(c) => c.clone(),
        MarkDetail::Violation(invariant, why) => format!("{invariant}: {}", super::explain(why)),
    };
    let what = match (m.kind, lang()) {
        (MarkKind::Leader, Lang::En) => format!("S{n} becomes leader/primary"),
        (MarkKind::Leader, Lang::Zh) => format!("S{n} 成为领导者/主副本"),
        (MarkKind::Candidate, Lang::En) => format!("S{n} becomes a candidate"),
        (MarkKind::Candidate, Lang::Zh) => format!("S{n} 成为候选人"),
        (MarkKind::Follower, Lang::En) => format!("S{n} steps down to follower"),
        (MarkKind::Follower, Lang::Zh) => format!("S{n} 退为跟随者"),
        (MarkKind::Other, Lang::En) => format!("S{n} stops serving (view change or recovery)"),
        (MarkKind::Other, Lang::Zh) => format!("S{n} 暂停服务（视图变更或恢复中）"),
        (MarkKind::Commit, Lang::En) => format!("S{n} commits and answers the client: {d}"),
        (MarkKind::Commit, Lang::Zh) => format!("S{n} 提交并答复客户端：{d}"),
        (MarkKind::Violation, Lang::En) => format!("Violation at S{n}: {d}"),
        (MarkKind::Violation, Lang::Zh) => format!("S{n} 处发生违反：{d}"),
        (MarkKind::Crash, Lang::En) => format!("S{n} crashes"),
        (MarkKind::Crash, Lang::Zh) => format!("S{n} 崩溃"),
        (MarkKind::Restart, Lang::En) => format!("S{n} restarts"),
        (MarkKind::Restart, Lang::Zh) => format!("S{n} 重启"),
    };
    let (event, time) = (m.event + 1, m.time);
    match lang() {
        Lang::En => format!("event #{event} at {time} ms: {what}"),
        Lang::Zh => format!("事件 #{event}（{time} ms）：{what}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tests::{has_cjk, in_lang};

    #[test]
    fn hover_texts_are_translated() {
        let arrow = Arrow {
            id: 3,
            from: 1,
            to: 2,
            kind: "RequestVote",
            sent: 10,
            send_event: 0,
            end: End::Lost(LossReason::Crashed),
            end_time: Some(30),
            end_event: Some(4),
            summary: Some(protocol_core::text!(protocol_core::raft::payload::REFUSED, term = 2)),
            copy_of: Some(1),
        };
        let mark =
            LaneMark { node: 2, time: 40, event: 5, kind: MarkKind::Commit, detail: MarkDetail::Command("x=1".into()) };
        let all = || {
            vec![
                st_arrow(&arrow),
                st_mark(&mark),
                st_down(2, 10, Some(20)),
                st_down(2, 10, None),
                st_title("Raft", ""),
                cmp_unavailable_time(30, 2),
            ]
        };
        let en = all();
        let zh = in_lang(Lang::Zh, all);
        for (e, z) in en.iter().zip(&zh) {
            assert!(!has_cjk(e), "{e}");
            assert!(has_cjk(z), "{z}");
        }
        assert_eq!(
            en[0],
            "#3 RequestVote S1 → S2 (term 2, refused): sent at 10 ms, lost at 30 ms: S2 is down, a copy of #1"
        );
        assert_eq!(en[1], "event #6 at 40 ms: S2 commits and answers the client: x=1");
        assert_eq!(cmp_unavailable_time(5, 1), "5 ms in 1 period");
    }
}
