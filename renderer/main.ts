import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import App from './App.vue';
import { router } from './router.js';
import { i18n } from './i18n/index.js';
import { setUnauthorizedHandler } from './api/client.js';
import { useAuth } from './stores/auth.js';
import './styles.css';

// Under automation (tests, screenshots) every transition is switched off, so what is captured is
// the final state rather than a frame of an animation.
if (navigator.webdriver) document.documentElement.classList.add('no-motion');

const app = createApp(App);
app.use(createPinia());
app.use(router);
app.use(i18n);
app.use(ElementPlus);

// A 401 on a call made with a token means the session ended on the server (restart, expiry).
setUnauthorizedHandler(() => {
  useAuth().forget();
  void router.replace({ name: 'login' });
});

app.mount('#app');
