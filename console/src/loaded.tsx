import { useEffect, useState } from 'react';
import type { ComponentType } from 'react';

type Module<P> = { default: ComponentType<P> };

const modules = new Map<() => Promise<unknown>, unknown>();

/**
 * A page's code, fetched on first use and kept. Not React.lazy: a Suspense boundary holds even
 * a chunk that arrives at once for 300 ms before it shows it, on every first load.
 */
export function Loaded<P extends object>({ load, props }: { load: () => Promise<Module<P>>; props: P }) {
  const [module, setModule] = useState(() => modules.get(load) as Module<P> | undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (module) return;
    let live = true;
    load().then(
      (fetched) => {
        modules.set(load, fetched);
        if (live) setModule(fetched);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [load, module]);
  if (failed) return <p className="problem">页面加载失败，请检查网络后刷新本页。</p>;
  if (!module) return <p className="loading">正在加载…</p>;
  const Page = module.default;
  return <Page {...props} />;
}
