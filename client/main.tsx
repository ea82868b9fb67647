import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/client.js';
import { onUnauthorized } from './api/http.js';
import { App } from './app.js';
import { createAppStore } from './store/app-store.js';
import { StoreProvider } from './store/store-context.js';
import { ApiProvider } from './ui/api-context.js';
// All styles load up front (about 10 KB gzipped): a canvas must be sized before React Flow fits the view.
import '@fontsource-variable/inter';
import '@fontsource-variable/jetbrains-mono';
import '@xyflow/react/dist/style.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/forms.css';
import './styles/editor.css';
import './styles/runs.css';
import './styles/flow-control.css';

// The composition root of the client: one API client, one store.
const api = createApi();
const store = createAppStore({ api, now: () => Date.now() });
onUnauthorized(() => store.getState().sessionExpired());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <ApiProvider api={api}>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </ApiProvider>
  </StrictMode>,
);
