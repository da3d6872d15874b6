// The GraphiQL page's entry: monaco's workers and styles bundled here, nothing from a CDN.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
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
