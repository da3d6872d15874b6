// The query a first visit opens with: the graph's headline figures and the relocations.

/** GraphiQL's first tab when nothing is kept from an earlier visit. */
export const DEFAULT_QUERY = `# 连心 GraphiQL：在此编写 GraphQL 查询，按 Ctrl+Enter（或 ▶ 按钮）运行。
# 左侧“文档”按钮列出所有类型和字段；输入时按 Ctrl+Space 可获得补全提示。

# 图谱概况：移交小区、区域化党建单位、幸福观察员、健康驿站等数量，以及各搬迁项目的汇总。
query Overview {
  stats {
    communities # 移交小区数
    regionalUnits # 区域化党建单位数
    observers # 幸福观察员数
    stations # 健康驿站数
    jointlyResolvedIssues # 联合解决的诉求数
    relocations {
      name # 搬迁项目名称
      units # 搬迁单位数
      compounds # 涉及大院数
      landMu # 腾退土地（亩）
      meetings # 召开会议数
      days # 用时（天）
    }
  }
}
`;
