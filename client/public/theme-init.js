// Before the first paint: the theme chosen in the app (localStorage "switchyard.theme": light,
// dark, or absent for the system's), else prefers-color-scheme, so the page never flashes light.
// A file, not an inline script: the content security policy allows scripts from 'self' only.
(function () {
  var choice = null;
  try { choice = localStorage.getItem('switchyard.theme'); } catch { /* storage off: follow the system */ }
  var dark = choice === 'dark' || (choice !== 'light' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
})();
