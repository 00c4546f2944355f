// Preloaded (node --require) into the Agents Playground by scripts/start.mjs. The Playground
// listens on every network interface and has no option to change that; since it forwards what
// anyone types to the local bot, `npm start` keeps it on loopback like the bot itself.
'use strict';
const net = require('node:net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
    if (typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  } else if (args[0] !== null && typeof args[0] === 'object' && !(args[0] instanceof net.Server) && 'port' in args[0] && args[0].host === undefined) {
    args[0] = { ...args[0], host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
