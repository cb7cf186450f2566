import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createClient } from './bridge/client';
import { ApiContext } from './bridge/use-api';
import { SessionProvider } from './session/SessionContext';
import './design/tokens.css';
import './design/base.css';
import './design/components.css';
import './design/layout.css';
import './design/register.css';
import './design/customers.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');

createRoot(root).render(
  <StrictMode>
    <ApiContext.Provider value={createClient(window.nopos)}>
      <SessionProvider>
        <App />
      </SessionProvider>
    </ApiContext.Provider>
  </StrictMode>,
);
