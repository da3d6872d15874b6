// What the page shows instead of GraphiQL while it has no token to send.

/** How to get a token: every request without one would only be refused. */
export function NoToken() {
  return (
    <section className="notoken" role="status">
      <h1>请先设置访问令牌</h1>
      <p>连心的 GraphQL 接口只回答带有效令牌的请求；设置令牌后，文档和查询会自动加载。</p>
      <ul>
        <li>
          在控制台登录过的浏览器，会自动使用同一令牌：<a href="/">前往控制台登录</a>。
        </li>
        <li>
          或打开 <code>make serve</code> 启动时打印的登录链接。
        </li>
        <li>
          或在项目目录运行 <code>lianxin token --role ADMIN</code>，把输出的令牌粘贴到上方“访问令牌”，再点“使用”。
        </li>
      </ul>
    </section>
  );
}
