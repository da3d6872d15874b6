// The GraphiQL page's entry: monaco's workers and styles bundled here, nothing from a CDN.
import 'graphiql/setup-workers/vite';
// graphiql/style.css less its inlined web fonts (some 340 kB gzipped): system fonts serve.
import '@graphiql/react/style.css';
import '@graphiql/plugin-doc-explorer/style.css';
import '@graphiql/plugin-history/style.css';
import 'graphiql/graphiql.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { adoptTokenFromAddress } from '../session';
import { Page } from './Page';
import './graphiql.css';

// A sign-in link (`/graphql#token=…`) works here as on the console.
adoptTokenFromAddress();
createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <Page />
  </StrictMode>,
);
