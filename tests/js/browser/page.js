// The page side of browser.test.js. It sets up the official SDK's browser
// bundle (window.Backendless) against the mock named in ?mock=, in the init
// form named in ?form=, and exposes the SDK calls the test drives as
// window.mockCheck.<name>(...args). Every call resolves to plain JSON: the
// SDK's answer, or {error: {status, code, message}} if it rejected. Each call
// and its outcome is also appended to #log and to window.mockCheckLog.
(function () {
  'use strict';

  var params = new URLSearchParams(window.location.search);
  var mockUrl = params.get('mock');
  var form = params.get('form');
  var log = [];
  window.mockCheckLog = log;

  function record(entry) {
    log.push(entry);
    document.getElementById('log').textContent += JSON.stringify(entry) + '\n';
  }

  // Both forms exactly as an application writes them; serverURL is set
  // before initApp, which fetches <appPath>/info at once.
  if (form === 'native') {
    Backendless.serverURL = mockUrl;
    Backendless.initApp('browser-app', 'browser-key');
  } else if (form === 'domain') {
    Backendless.initApp(mockUrl);
  } else {
    throw new Error('page.js: ?form= must be native or domain, not ' + form);
  }

  var calls = {
    appPath: function () { return Backendless.appPath; },
    // Resolves once the init-time GET <appPath>/info has been answered.
    appInfo: function () { return Backendless.appInfoPromise(); },
    login: function (login, password) {
      return Backendless.UserService.login(login, password).then(function (user) {
        return { objectId: user.objectId, userToken: user['user-token'] };
      });
    },
    currentUserToken: function () { return Backendless.getCurrentUserToken(); },
    isValidLogin: function () { return Backendless.UserService.isValidLogin(); },
    logout: function () { return Backendless.UserService.logout(); },
    publish: function (channel, message, deliveryOptions) {
      return Backendless.Messaging.publish(channel, message, undefined,
        deliveryOptions && new Backendless.Messaging.DeliveryOptions(deliveryOptions));
    },
    status: function (messageId) { return Backendless.Messaging.getMessageStatus(messageId); },
    cancel: function (messageId) { return Backendless.Messaging.cancel(messageId); },
    pushWithTemplate: function (name, values) {
      return Backendless.Messaging.pushWithTemplate(name, values);
    },
  };

  window.mockCheck = {};
  Object.keys(calls).forEach(function (name) {
    window.mockCheck[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      return Promise.resolve()
        .then(function () { return calls[name].apply(null, args); })
        .then(function (answer) {
          var result = answer === undefined ? null : answer;
          record({ call: name, args: args, result: result });
          return result;
        }, function (error) {
          var result = {
            error: { status: error.status, code: error.code, message: String(error.message) },
          };
          record({ call: name, args: args, result: result });
          return result;
        });
    };
  });
}());
