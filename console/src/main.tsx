import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App';
import { adoptTokenFromAddress } from './session';
import './styles.css';

adoptTokenFromAddress();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
