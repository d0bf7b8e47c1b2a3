//! The CLI's own complaints about its arguments and input (English on the
//! terminal; the catalogue requires the Chinese too).

protocol_core::phrases! { "cli";
    NEEDS_ARGUMENT = "{command} needs a {what} (see quorumscope --help)"
        / "{command} 需要一个 {what}（见 quorumscope --help）";
    UNKNOWN_COMMAND = "unknown command {command} (see quorumscope --help)"
        / "未知命令 {command}（见 quorumscope --help）";
    UNREADABLE = "cannot read {input}: {error}"
        / "无法读取 {input}：{error}";
    NEEDS_VALUE = "needs a value"
        / "需要一个值";
    UNKNOWN_PROTOCOL = "{protocol} is not raft, multipaxos or vsr"
        / "{protocol} 不是 raft、multipaxos 或 vsr";
    UNKNOWN_FLAG = "unknown flag (see quorumscope --help)"
        / "未知参数（见 quorumscope --help）";
    REQUIRED = "is required"
        / "是必需的";
    NOT_A_NUMBER = "{text} is not a valid number"
        / "{text} 不是有效的数字";
    TOO_LARGE = "{text} is too large: at most {max}"
        / "{text} 太大：最多 {max}";
    UNKNOWN_FAULT = "{fault} is not one of {kinds}"
        / "{fault} 不是 {kinds} 之一";
    BAD_OPTION_VALUE = "{value} is not true, false or a number"
        / "{value} 不是 true、false 或数字";
}
