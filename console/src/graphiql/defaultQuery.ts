// The query a first visit opens with: the graph's headline figures and the relocations.

/** GraphiQL's first tab when nothing is kept from an earlier visit. */
export const DEFAULT_QUERY = `# 在此编写查询，按 Ctrl+Enter 或 ▶ 运行。
# 左侧第一个按钮打开文档；Ctrl+Space 补全。

# 图谱概况与各搬迁项目的汇总
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
