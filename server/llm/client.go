package llm

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"net/url"
	"strings"

	openai "github.com/sashabaranov/go-openai"
)

// maxBody bounds one response: a chat reply is a few KiB, and a broken server
// sending an endless line must not eat the plugin's memory.
const maxBody = 16 << 20

// Client talks to one OpenAI-compatible endpoint. It is safe for concurrent use;
// a new Config means a new Client.
type Client struct {
	cfg      Config
	oai      *openai.Client
	red      redactor
	setupErr *Error // a base URL we cannot use, reported by every request
}

// Option adjusts a Client.
type Option func(*options)

type options struct{ httpClient *http.Client }

// WithHTTPClient sends requests through hc (tests, proxies). Its Timeout, if
// any, cuts streams short: leave it zero and rely on Config's timeouts.
func WithHTTPClient(hc *http.Client) Option {
	return func(o *options) {
		if hc != nil {
			o.httpClient = hc
		}
	}
}

// New returns a client for cfg; zero durations take the defaults. A bad base URL
// is not an error here but on every request (as KindBadRequest), so a plugin can
// build its client from whatever an admin typed and report it where it is used.
func New(cfg Config, opts ...Option) *Client {
	cfg = cfg.withDefaults()
	o := options{httpClient: &http.Client{}}
	for _, opt := range opts {
		opt(&o)
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	oc.HTTPClient = limitDoer{o.httpClient}
	c := &Client{cfg: cfg, oai: openai.NewClientWithConfig(oc), red: newRedactor(cfg)}
	if cfg.Enabled() {
		if u, err := url.Parse(cfg.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			c.setupErr = &Error{Kind: KindBadRequest, Message: "base URL must look like http(s)://host/v1, got " +
				c.red.clean(redactURL(cfg.BaseURL))}
		}
	}
	return c
}

// Enabled reports whether the client has an endpoint to talk to.
func (c *Client) Enabled() bool { return c.cfg.Enabled() }

// Stream sends req and returns once the endpoint has answered with a stream
// (HTTP errors are returned here). The caller must Close the stream.
//
// Timing: the first token must arrive within FirstTokenTimeout of this call, each
// later one within IdleTimeout of the previous, and the whole stream must end
// within Timeout; all of these, and ctx, end the stream with an *Error.
func (c *Client) Stream(ctx context.Context, req Request) (*Stream, error) {
	if !c.cfg.Enabled() {
		return nil, &Error{Kind: KindUnavailable, Message: "no base URL configured"}
	}
	if c.setupErr != nil {
		return nil, c.setupErr
	}
	wire, bad := c.build(req)
	if bad != nil {
		return nil, bad
	}
	if e, ok := ctxError(ctx, c.cfg); ok {
		return nil, e
	}
	s := newStream(ctx, c.cfg, c.red)
	oaiStream, err := c.oai.CreateChatCompletionStream(s.ctx, wire)
	if err != nil {
		e := s.errorFor(err)
		s.release()
		return nil, e
	}
	go s.run(oaiStream)
	return s, nil
}

// Complete sends req and waits for the whole answer.
func (c *Client) Complete(ctx context.Context, req Request) (Message, FinishReason, error) {
	s, err := c.Stream(ctx, req)
	if err != nil {
		return Message{}, "", err
	}
	defer s.Close()
	for ev := range s.Events() {
		switch ev.Type {
		case EventDone:
			return ev.Message, ev.FinishReason, nil
		case EventError:
			return Message{}, "", ev.Err
		}
	}
	return Message{}, "", &Error{Kind: KindCanceled, Message: "stream closed", causes: []error{context.Canceled}}
}

// build turns req into go-openai's request, checking what the endpoint would
// reject anyway so the caller hears it without a round trip.
func (c *Client) build(req Request) (openai.ChatCompletionRequest, *Error) {
	bad := func(msg string) (openai.ChatCompletionRequest, *Error) {
		return openai.ChatCompletionRequest{}, &Error{Kind: KindBadRequest, Message: msg}
	}
	if len(req.Messages) == 0 {
		return bad("no messages")
	}
	out := openai.ChatCompletionRequest{Model: c.cfg.Model, Stream: true, MaxTokens: max(req.MaxTokens, 0)}
	for _, m := range req.Messages {
		out.Messages = append(out.Messages, toWireMessage(m))
	}
	for _, t := range req.Tools {
		if t.Name == "" {
			return bad("a tool without a name")
		}
		params := t.Parameters
		if len(params) == 0 {
			params = json.RawMessage(`{"type":"object","properties":{}}`)
		} else if !json.Valid(params) {
			return bad("tool " + t.Name + ": parameters are not valid JSON")
		}
		out.Tools = append(out.Tools, openai.Tool{Type: openai.ToolTypeFunction, Function: &openai.FunctionDefinition{
			Name: t.Name, Description: t.Description, Parameters: params}})
	}
	if req.Temperature != nil {
		// go-openai omits a zero temperature (the endpoint's default, often 1, would
		// apply): the smallest positive float32 is 0 to every sampler.
		out.Temperature = *req.Temperature
		if out.Temperature == 0 {
			out.Temperature = math.SmallestNonzeroFloat32
		}
	}
	if openai.NewReasoningValidator().Validate(out) != nil {
		// OpenAI's reasoning models (o1, o3, gpt-5, ...) take max_completion_tokens
		// and a fixed temperature; go-openai refuses the request otherwise.
		out.MaxCompletionTokens, out.MaxTokens, out.Temperature = out.MaxTokens, 0, 0
		if err := openai.NewReasoningValidator().Validate(out); err != nil {
			return bad(c.red.clean(err.Error()))
		}
	}
	return out, nil
}

func toWireMessage(m Message) openai.ChatCompletionMessage {
	w := openai.ChatCompletionMessage{Role: string(m.Role), Content: m.Content, Name: m.Name, ToolCallID: m.ToolCallID}
	for _, tc := range m.ToolCalls {
		args := tc.Arguments
		if strings.TrimSpace(args) == "" {
			args = "{}"
		}
		w.ToolCalls = append(w.ToolCalls, openai.ToolCall{ID: tc.ID, Type: openai.ToolTypeFunction,
			Function: openai.FunctionCall{Name: tc.Name, Arguments: args}})
	}
	return w
}

// limitDoer caps every response body at maxBody, and keeps its first bytes
// for a request whose context carries a *capture.
type limitDoer struct{ hc *http.Client }

func (d limitDoer) Do(r *http.Request) (*http.Response, error) {
	resp, err := d.hc.Do(r) //nolint:gosec // the URL is the admin's LLM base URL setting (issue 20 item 4: the plugin API's HTTP service)
	if err != nil {
		return nil, err
	}
	c, _ := r.Context().Value(captureKey{}).(*capture)
	resp.Body = &limitedBody{rc: resp.Body, left: maxBody, capture: c}
	return resp, nil
}

// capture holds the start of a response body. go-openai drops a body that is
// not an event stream (a JSON error document with status 200, an HTML page)
// when it ends without a newline; with the start kept, the error says what
// the server said. Written and read by one goroutine at a time.
type capture struct{ head []byte }

type captureKey struct{}

const maxHead = 4096

var errBodyTooLarge = errors.New("response too large")

type limitedBody struct {
	rc      io.ReadCloser
	left    int64
	capture *capture
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, errBodyTooLarge
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	if c := b.capture; c != nil && len(c.head) < maxHead {
		c.head = append(c.head, p[:min(n, maxHead-len(c.head))]...)
	}
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }
