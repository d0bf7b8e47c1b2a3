//! The header, the playback controls, help, notices, the Share dialog,
//! files, the preset library and guided tours.

use protocol_core::Scenario;
use protocol_core::scenario::presets;

use super::{APP_NAME, Lang, lang, texts, tr};
use crate::model::Theme;

texts! { CONTROLS;
    tagline: "Watch consensus work, then break it.", "看共识如何运作，再亲手打破它。";
    // --- controls
    play: "Play", "播放";
    pause: "Pause", "暂停";
    step_back: "Step back", "后退";
    step_forward: "Step", "单步";
    step_back_title: "Go back one event (←)", "退回上一个事件（←）";
    step_forward_title: "Process the next event (→)", "处理下一个事件（→）";
    play_title: "Play or pause (space)", "播放或暂停（空格键）";
    speed: "Speed", "速度";
    timeline: "Timeline", "时间线";
    // --- header
    new_scenario: "New…", "新建…";
    share: "Share", "分享";
    help: "Help", "帮助";
    help_title: "Keyboard shortcuts and how to read the picture (?)", "键盘快捷键与图示说明（?）";
    /// The tag after the title of a scenario in manual mode.
    manual_tag: "manual", "手动";
    theme_title: "Colour theme: the system's, light or dark", "配色主题：跟随系统、浅色或深色";
    theme_system: "Theme: system", "主题：跟随系统";
    theme_light: "Theme: light", "主题：浅色";
    theme_dark: "Theme: dark", "主题：深色";
    close: "Close", "关闭";
    dismiss: "Dismiss", "忽略";
    go_to_event: "Show that event", "查看该事件";
    // --- narration and tours
    narration: "About this scenario", "关于这个场景";
    tour: "Guided tour", "导览";
    tour_start: "Start the tour", "开始导览";
    tour_next: "Next", "下一步";
    tour_back: "Back", "上一步";
    tour_exit: "End tour", "结束导览";
    tour_done: "End of the tour: play on, or change something and see what happens.",
        "导览结束：可以继续播放，或者改动点什么，看看会发生什么。";
    tour_moving: "playing to the next step…", "正在播放到下一步…";
    // --- notices
    nothing_to_do: "Nothing is due to happen: deliver a message, fire a timer or send a client request.",
        "接下来没有要发生的事件：请投递一条消息、触发计时器或发送客户端请求。";
    file_unreadable: "it could not be read", "无法读取它";
    // --- help
    help_heading: "How to use QuorumScope", "如何使用 QuorumScope";
    key_space: "Space", "空格";
    key_play: "play / pause", "播放 / 暂停";
    key_forward: "step one event forward", "前进一个事件";
    key_back: "step one event back", "后退一个事件";
    key_help: "show or hide this help", "显示或隐藏本帮助";
    key_escape: "close dialogs, clear the selection", "关闭对话框，取消选择";
    key_tab: "move between controls; Enter activates", "在控件之间移动；按 Enter 激活";
    help_servers: "Each circle is a server. Its colour and letter give its role: L leader, C candidate, F follower. The small label inside is its term; the ring around it is its timer running down.",
        "每个圆代表一台服务器，颜色和字母表示它的角色：L 领导者，C 候选人，F 跟随者。圆内的小标签是它的任期（t3 即任期 3）；外面的圆环是它正在倒计时的计时器。";
    help_messages: "Dots moving between servers are messages. Click one to drop, delay, duplicate or deliver it now.",
        "在服务器之间移动的圆点是消息。点击一条消息，可以丢弃、延迟、复制它，或立即投递。";
    help_actions: "Click a server to crash it, restart it, fire its timer or send it a client request.",
        "点击一台服务器，可以让它崩溃、重启、触发它的计时器，或向它发送客户端请求。";
    help_timeline: "The timeline records everything: step back, drag the scrubber, or click an event to go back. Acting in the past forks a new history from there.",
        "时间线记录了一切：可以后退、拖动进度条，或点击某个事件回到那里。在过去的某一时刻进行操作，会从那里分叉出一段新的历史。";
    help_invariants: "Invariants are checked after every event. A violation pauses the run and names the rule, the event and the servers.",
        "每个事件之后都会检查不变式。一旦有不变式被违反，运行就会暂停，并指出违反的规则、事件和涉及的服务器。";
    // --- share dialog
    share_title: "Share this run", "分享这次运行";
    share_intro: "The link holds the whole run: settings, every action, and the event you are looking at. Opening it replays exactly this.",
        "链接包含整次运行：设置、每一个操作，以及你正在查看的事件。打开它会精确地重放这次运行。";
    share_link: "Link to this exact run", "指向这次运行的链接";
    copy: "Copy", "复制";
    copied: "Copied to the clipboard.", "已复制到剪贴板。";
    trace_hash: "Trace hash", "轨迹哈希";
    trace_hash_hint: "the same run gives the same hash (quorumscope check prints it too)",
        "同一次运行总是得到同一个哈希（quorumscope check 也会输出它）";
    embed_title: "Embed in a page", "嵌入网页";
    embed_hint: "Paste this into a course page or blog post: it shows only the cluster, the controls and the narration.",
        "把它粘贴到课程页面或博客文章里：只显示集群、播放控制和讲解。";
    export: "Download", "下载";
    export_scenario: "Scenario (JSON)", "场景（JSON）";
    export_scenario_title: "The scenario file: open it here again, or run it with `quorumscope check`",
        "场景文件：可以在这里再次打开，或用 `quorumscope check` 运行";
    export_trace: "Trace (JSON)", "执行轨迹（JSON）";
    export_trace_title: "Every event up to the one shown, with the protocol's explanations",
        "截至当前事件的所有事件，附带协议的解释";
    // --- files and the library
    open_file: "Open file…", "打开文件…";
    open_file_title: "Open a scenario file (.json); you can also drop one on the page",
        "打开场景文件（.json）；也可以直接把文件拖到页面上";
    drop_here: "Drop a scenario file to open it", "松开鼠标即可打开场景文件";
    library: "Library", "场景库";
    library_title: "Preset library", "预设场景库";
    library_intro: "Ready-made scenarios, grouped by protocol and lesson. Those with a tour pause at each step and explain it.",
        "现成的场景，按协议和课程分组。带导览的场景会在每一步暂停并加以讲解。";
    shows_bug: "shows a bug", "展示缺陷";
    has_tour: "tour", "导览";
    open_full: "Open in QuorumScope", "在 QuorumScope 中打开";
}

/// The language picker's accessible name, in both languages so that someone
/// who cannot read the current one still finds it.
pub fn language_label() -> &'static str {
    tr("Language (语言)", "语言（Language）")
}

/// After a label in the current language: ": ", or the full-width "：".
pub fn colon() -> &'static str {
    tr(": ", "：")
}

/// The speed slider's value ("0.5×", "3×"), the same in every language.
pub fn speed_value(speed: f64) -> String {
    if speed < 1.0 { format!("{speed:.1}×") } else { format!("{speed:.0}×") }
}

pub fn clock(position: usize, len: usize, time_ms: f64) -> String {
    let t = time_ms.floor();
    match lang() {
        Lang::En => format!("event {position} of {len} · {t:.0} ms"),
        Lang::Zh => format!("事件 {position}/{len} · {t:.0} ms"),
    }
}

/// "event 12", after a title or a trace hash.
pub fn at_event(position: usize) -> String {
    match lang() {
        Lang::En => format!("event {position}"),
        Lang::Zh => format!("事件 {position}"),
    }
}

/// The browser tab's title: the scenario, where the viewer is, the app.
pub fn page_title(what: &str, position: usize) -> String {
    format!("{what} · {} — {APP_NAME}", at_event(position))
}

/// The Theme button's label.
pub fn theme_label(theme: Theme) -> &'static str {
    match theme {
        Theme::System => theme_system(),
        Theme::Light => theme_light(),
        Theme::Dark => theme_dark(),
    }
}

/// The help's keyboard table: (key, what it does).
pub fn help_keys() -> [(&'static str, &'static str); 6] {
    [
        (key_space(), key_play()),
        ("→", key_forward()),
        ("←", key_back()),
        ("?", key_help()),
        ("Esc", key_escape()),
        ("Tab", key_tab()),
    ]
}

/// The help's paragraphs.
pub fn help_text() -> [&'static str; 5] {
    [help_servers(), help_messages(), help_actions(), help_timeline(), help_invariants()]
}

pub fn narration_step(note: usize, total: usize) -> String {
    let n = note + 1;
    match lang() {
        Lang::En => format!("note {n} of {total}"),
        Lang::Zh => format!("第 {n}/{total} 条说明"),
    }
}

/// The Share dialog's option to put the language into the link.
pub fn share_lang(language: &str) -> String {
    match lang() {
        Lang::En => format!("Open the link in {language} for everyone"),
        Lang::Zh => format!("让所有人都以{language}打开这个链接"),
    }
}

pub fn link_size(chars: usize) -> String {
    match lang() {
        Lang::En => format!("{chars} characters"),
        Lang::Zh => format!("{chars} 个字符"),
    }
}

pub fn lesson_heading(protocol: &str, lesson: &str) -> String {
    format!("{protocol} · {lesson}")
}

/// A scenario's title in the current language: a preset's translation, else
/// the scenario's own (files and links carry the English).
pub fn scenario_title(s: &Scenario) -> String {
    presets::for_scenario(s).map_or_else(|| s.title.clone(), |p| p.title(lang()).to_string())
}

/// A scenario's tour notes in the current language, in order: a preset's
/// translation, else the scenario's own texts.
pub fn tour_notes(s: &Scenario) -> Vec<String> {
    presets::translated_notes(s, lang()).unwrap_or_else(|| s.notes.iter().map(|n| n.text.clone()).collect())
}

// --- notices: the framing sentences (the reasons come from the kernel) --------

pub fn bad_link(reason: &str) -> String {
    match lang() {
        Lang::En => format!("This link could not be opened: {reason}. The default scenario is loaded instead."),
        Lang::Zh => format!("无法打开这个链接：{reason}。已改为加载默认场景。"),
    }
}

pub fn bad_link_field(field: &str, reason: &str) -> String {
    match lang() {
        Lang::En => format!("the scenario in it is not valid ({field}: {reason})"),
        Lang::Zh => format!("其中的场景无效（{field}：{reason}）"),
    }
}

pub fn unknown_preset(id: &str) -> String {
    match lang() {
        Lang::En => format!("there is no preset called {id:?}"),
        Lang::Zh => format!("没有名为“{id}”的预设"),
    }
}

pub fn action_failed(reason: &str) -> String {
    match lang() {
        Lang::En => format!("That did not work: {reason}."),
        Lang::Zh => format!("操作没有成功：{reason}。"),
    }
}

pub fn bad_file(name: &str, reason: &str) -> String {
    match lang() {
        Lang::En => format!("The file {name:?} could not be opened: {reason}. Your current run is unchanged."),
        Lang::Zh => format!("无法打开文件“{name}”：{reason}。当前的运行保持不变。"),
    }
}

pub fn file_too_big(bytes: usize, max: usize) -> String {
    match lang() {
        Lang::En => format!("it is {bytes} bytes; scenario files above {max} bytes are refused"),
        Lang::Zh => format!("它有 {bytes} 字节，超过 {max} 字节的场景文件会被拒绝"),
    }
}

pub fn opened_file(name: &str) -> String {
    match lang() {
        Lang::En => format!("Opened {name:?}."),
        Lang::Zh => format!("已打开“{name}”。"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tests::{has_cjk, in_lang};

    #[test]
    fn formatted_texts_are_translated() {
        let all = || {
            vec![
                clock(3, 10, 250.7),
                at_event(4),
                page_title("Raft", 4),
                theme_label(Theme::Dark).to_string(),
                narration_step(0, 3),
                share_lang("English"),
                link_size(90),
                bad_link("x"),
                bad_link_field("nodes", "y"),
                unknown_preset("p"),
                action_failed("z"),
                bad_file("a.json", "b"),
                file_too_big(2, 1),
                opened_file("a.json"),
            ]
        };
        let en = all();
        let zh = in_lang(Lang::Zh, all);
        for (e, z) in en.iter().zip(&zh) {
            assert!(!has_cjk(e), "{e}");
            assert!(has_cjk(z), "{z}");
        }
        assert_eq!(en[0], "event 3 of 10 · 250 ms");
        assert_eq!(en[2], "Raft · event 4 — QuorumScope");
        assert_eq!(zh[2], "Raft · 事件 4 — QuorumScope");
        for l in Lang::ALL {
            in_lang(l, || {
                assert!(help_keys().iter().all(|(k, v)| !k.is_empty() && !v.is_empty()));
                assert!(help_text().iter().all(|p| !p.is_empty()));
            });
        }
    }
}
