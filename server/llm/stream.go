package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Stream is one streaming answer. Read Events until the channel closes; always
// Close it (Close also stops a stream early and waits for its reader to end).
type Stream struct {
	events chan Event
	cfg    Config
	red    redactor

	ctx     context.Context
	cancel  context.CancelCauseFunc // ends the request with one of our causes
	release func()                  // frees the contexts and the watchdog

	watch   *time.Timer // first-token, then idle, watchdog
	started atomic.Bool // a token has arrived: the watchdog now means a stall

	body *capture // the start of the response, for errors

	closed    chan struct{}
	closeOnce sync.Once
	done      chan struct{}
}

func newStream(parent context.Context, cfg Config, red redactor) *Stream {
	body := &capture{}
	whole, cancelWhole := context.WithTimeoutCause(context.WithValue(parent, captureKey{}, body), cfg.Timeout, errWhole)
	ctx, cancel := context.WithCancelCause(whole)
	s := &Stream{
		body:   body,
		events: make(chan Event, 16),
		cfg:    cfg,
		red:    red,
		ctx:    ctx,
		cancel: cancel,
		closed: make(chan struct{}),
		done:   make(chan struct{}),
	}
	s.watch = time.AfterFunc(cfg.FirstTokenTimeout, func() {
		if s.started.Load() {
			cancel(errIdle)
		} else {
			cancel(errFirstToken)
		}
	})
	s.release = func() {
		s.watch.Stop()
		cancel(nil)
		cancelWhole()
	}
	return s
}

// Events delivers text deltas, then one EventDone or EventError, then closes.
func (s *Stream) Events() <-chan Event { return s.events }

// Close stops the stream if it is still running and waits until it has let go of
// the connection. Safe to call more than once and from any goroutine.
func (s *Stream) Close() {
	s.closeOnce.Do(func() {
		s.cancel(errClosed)
		close(s.closed)
	})
	<-s.done
}

func (s *Stream) run(oaiStream *openai.ChatCompletionStream) {
	defer close(s.done)
	defer close(s.events)
	final := s.read(oaiStream)
	_ = oaiStream.Close()
	s.release()
	// The last event is not dropped when the caller's context ends (it says
	// why); only Close, which means nobody is listening, skips it.
	select {
	case s.events <- final:
	case <-s.closed:
	}
}

// read consumes the stream up to the model's finish reason.
func (s *Stream) read(oaiStream *openai.ChatCompletionStream) (final Event) {
	defer func() {
		// A plugin process dies with an unrecovered panic in any goroutine: a
		// parsing bug here must cost one reply, not the plugin.
		if p := recover(); p != nil {
			final = errEvent(&Error{Kind: KindBadResponse, Message: s.red.clean(fmt.Sprint("internal error: ", p))})
		}
	}()
	var asm assembler
	for {
		raw, err := oaiStream.RecvRaw()
		if err != nil {
			return errEvent(s.errorFor(err))
		}
		var chunk wireChunk
		if err := json.Unmarshal(raw, &chunk); err != nil {
			return errEvent(&Error{Kind: KindBadResponse, Message: "malformed stream chunk: " + clip(s.red.clean(string(raw)), 80)})
		}
		if !isNull(chunk.Error) {
			return errEvent(s.red.inBand(parseErrorValue(chunk.Error)))
		}
		for _, ch := range chunk.Choices {
			if ch.Index != 0 {
				continue // we ask for one choice; ignore any others
			}
			d := ch.Delta
			if d.Content != "" || len(d.ToolCalls) > 0 || d.ReasoningContent != "" || d.Refusal != "" {
				s.progress()
			}
			asm.addToolCalls(d.ToolCalls)
			if d.Content != "" {
				asm.text.WriteString(d.Content)
				if !s.send(Event{Type: EventText, Text: d.Content}) {
					return errEvent(s.errorFor(s.ctx.Err()))
				}
			}
			if ch.FinishReason != "" && ch.FinishReason != openai.FinishReasonNull {
				// Done: what follows (a usage chunk, [DONE]) adds nothing, and
				// waiting for it would let a server that stalls after finishing
				// turn a complete answer into a timeout.
				return asm.done(FinishReason(ch.FinishReason))
			}
		}
	}
}

// progress notes a token: the watchdog now guards the gap to the next one.
func (s *Stream) progress() {
	s.started.Store(true)
	s.watch.Reset(s.cfg.IdleTimeout)
}

// send delivers a text delta; false when the stream ended meanwhile. The
// watchdog pauses while the caller is slow to read: that is not the model stalling.
func (s *Stream) send(ev Event) bool {
	s.watch.Stop()
	defer s.watch.Reset(s.cfg.IdleTimeout)
	select {
	case s.events <- ev:
		return true
	case <-s.ctx.Done():
		return false
	}
}

// errorFor classifies err, a context ending taking precedence: a read fails
// with a transport error when its context is canceled, and that is not the
// endpoint's fault.
func (s *Stream) errorFor(err error) *Error {
	if e, ok := ctxError(s.ctx, s.cfg); ok {
		return e
	}
	if errors.Is(err, io.EOF) {
		head := bytes.TrimSpace(s.body.head)
		if we, ok := parseErrorJSON(head); ok {
			return s.red.inBand(we)
		}
		if len(head) > 0 && !bytes.HasPrefix(head, []byte("data:")) && !bytes.HasPrefix(head, []byte(":")) {
			return &Error{Kind: KindBadResponse, Message: "not an event stream: " + clip(s.red.clean(string(head)), 120)}
		}
		return &Error{Kind: KindBadResponse, Message: "stream ended before the model finished"}
	}
	return s.red.classify(err)
}

func errEvent(e *Error) Event { return Event{Type: EventError, Err: e} }

// wireChunk is one "data:" payload. It is decoded here rather than by go-openai so
// that an error object in any shape is caught, not only `{"error":` verbatim.
type wireChunk struct {
	Choices []openai.ChatCompletionStreamChoice `json:"choices"`
	Error   json.RawMessage                     `json:"error"`
}
