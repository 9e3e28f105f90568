package main

import (
	"net/http"

	"github.com/mattermost/mattermost/server/public/plugin"
	"github.com/mattermost/mattermost/server/public/shared/httpservice"
)

// newOutboundClient is the one http.Client for the model and the order backend. Its
// transport is Mattermost's HTTP service, as for the server's own webhooks: the
// proxy from the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY) applies, and a
// host on a private, loopback or the server's own address is refused unless the
// System Console's AllowedUntrustedInternalConnections lists it — read on each
// dial, so allowing a host needs no restart. EnableInsecureOutgoingConnections is
// read once here: a change to it applies when the plugin is next activated.
//
// No Timeout: a model reply streams for as long as it takes; each caller bounds its
// own requests (llm.Config's timeouts, HTTPBackend.Timeout).
func newOutboundClient(api plugin.API) *http.Client {
	return &http.Client{Transport: httpservice.MakeHTTPServicePlugin(api).MakeTransport(false)}
}
