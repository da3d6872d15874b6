import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('graphiql')!).render(<p>GraphiQL</p>);
