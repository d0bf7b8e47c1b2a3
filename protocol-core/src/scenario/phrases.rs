//! What is wrong with a scenario, a link or an action: the reasons of
//! [`super::ScenarioError`] and [`crate::sim::ActionError`].

crate::phrases! { "scenario";
    INVALID_JSON = "{message}"
        / "不是有效的场景 JSON：{message}";
    WRONG_FORMAT = "must be \"{expected}\", got {got}"
        / "必须是 \"{expected}\"，实际是 {got}";
    NODES_OUT_OF_RANGE = "{nodes} is out of range: a cluster has {min} to {max} nodes"
        / "{nodes} 超出范围：集群有 {min} 到 {max} 个节点";
    HEARTBEAT_ZERO = "must be at least 1 ms"
        / "至少为 1 毫秒";
    SCRIPT_TOO_LONG = "{len} actions is more than the {max} a scenario may have"
        / "{len} 个动作超过了一个场景最多允许的 {max} 个";
    NOTE_PAST_END = "{step} is past the end of the script ({len} actions)"
        / "{step} 超出了脚本末尾（共 {len} 个动作）";
    RANGE_EMPTY = "[{lo}, {hi}] is empty: the low end is above the high end"
        / "[{lo}, {hi}] 是空区间：下限大于上限";
    RANGE_LOW_ZERO = "the low end must be at least 1 ms"
        / "下限至少为 1 毫秒";
    RANGE_TOO_LONG = "{hi} ms is more than an hour"
        / "{hi} 毫秒超过了一小时";
    NOT_A_PROBABILITY = "{p} is not a probability between 0 and 1"
        / "{p} 不是 0 到 1 之间的概率";
    NODE_OUT_OF_RANGE = "node {id} is out of range 1..{nodes}"
        / "节点 {id} 超出范围 1..{nodes}";
    RUN_TOO_LONG = "{ms} ms is more than the {max} ms one run may take"
        / "{ms} 毫秒超过了一次运行最多允许的 {max} 毫秒";
    RUN_TOO_MANY_EVENTS = "{events} is more than the {max} events one run may take"
        / "{events} 超过了一次运行最多允许的 {max} 个事件";
    RUN_NEEDS_ONE = "run needs exactly one of `ms` or `events`"
        / "run 需要且只能有 `ms` 或 `events` 其中之一";
    COMMAND_LENGTH = "a command is 1 to 64 characters"
        / "命令长度为 1 到 64 个字符";
    DELAY_TOO_LONG = "{ms} ms is more than {max} ms"
        / "{ms} 毫秒超过了 {max} 毫秒";
    IN_TWO_GROUPS = "S{node} is in more than one group"
        / "S{node} 出现在不止一个分组中";
    SELF_CUT = "a node cannot cut its link to itself"
        / "节点不能切断到自己的链路";
    UNKNOWN_VARIANT = "{variant} is not a {protocol} bug variant (known: {known})"
        / "{variant} 不是 {protocol} 的缺陷变体（已知的有：{known}）";
    UNKNOWN_OPTION = "not a {protocol} option (known: {known})"
        / "不是 {protocol} 的选项（已知的有：{known}）";
    NOT_A_SWITCH = "must be true or false"
        / "必须是 true 或 false";
    NOT_A_QUORUM = "must be a quorum size from 1 to {nodes} (the number of nodes)"
        / "必须是 1 到 {nodes}（节点数）之间的法定人数";

    // Share links.
    LINK_TOO_LONG = "the link is {len} bytes; links above {max} bytes are refused"
        / "链接有 {len} 字节；超过 {max} 字节的链接会被拒绝";
    LINK_VERSION = "link version {version} is not known to this release (it reads version 1)"
        / "这个版本不认识链接版本 {version}（它只能读取版本 1）";
    NOT_A_LINK = "this is not a QuorumScope scenario link (it should contain #s=1.)"
        / "这不是 QuorumScope 的场景链接（链接里应含有 #s=1.）";
    LINK_NOT_BASE64 = "the link is damaged: it is not valid base64url (was it cut short or edited?)"
        / "链接已损坏：不是有效的 base64url（是否被截断或改动过？）";
    LINK_NOT_DEFLATE = "the link is damaged: its compressed data is broken (was it cut short?)"
        / "链接已损坏：压缩数据有误（是否被截断了？）";
    LINK_NOT_TEXT = "the link is damaged: its scenario is not text"
        / "链接已损坏：其中的场景不是文本";

    // Actions the simulation refuses.
    NO_SUCH_NODE = "node {node} does not exist"
        / "节点 {node} 不存在";
    NODE_CRASHED = "S{node} is crashed"
        / "S{node} 已崩溃";
    NODE_NOT_CRASHED = "S{node} is not crashed"
        / "S{node} 没有崩溃";
    NO_MATCH = "no message in flight matches {matcher}"
        / "没有在途消息匹配 {matcher}";
    NOT_AN_INTERVENTION = "run is not an intervention"
        / "run 不是一次干预";
}
