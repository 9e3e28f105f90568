package conversation

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/llm/llmtest"
)

// The duplex figures of `make bench` (issue 16), each at the default quiet window
// and at 0 side by side: what the window adds to a complete question and to
// fragments, with a planner that answers at once, and how long a stale model stream
// runs on after an interrupting message. Wall-clock: real queues, real client,
// scripted model over HTTP.

func withWindow(svc *Service, ms int64) {
	cfg := *svc.d.Config()
	cfg.ReplyQuietWindowMs = &ms
	svc.d.Config = func() *config.Config { return &cfg }
}

func report(b *testing.B, ds []time.Duration) {
	slices.Sort(ds)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(ds[len(ds)/2]), "p50-ms")
	b.ReportMetric(ms(ds[(len(ds)*99)/100]), "p99-ms")
}

func echoService(b *testing.B, window int64) (*Service, chan *model.Post) {
	svc, f := newService(b)
	written := make(chan *model.Post, 64)
	svc.d.API = notifyMM{fakeMM: f, written: written}
	withWindow(svc, window)
	return svc, written
}

func BenchmarkDuplexCompleteQuestion(b *testing.B) {
	for _, window := range []int64{2500, 0} {
		b.Run(fmt.Sprintf("window=%d", window), func(b *testing.B) {
			svc, written := echoService(b, window)
			var ds []time.Duration
			for i := 0; b.Loop(); i++ {
				at := time.Now()
				svc.OnPost(&model.Post{Id: fmt.Sprintf("q%d", i), UserId: "alice", ChannelId: "gen", Message: "请问你们几天发货？"})
				nextFinal(b, written)
				ds = append(ds, time.Since(at))
			}
			report(b, ds)
		})
	}
}

// Three fragments 300 ms apart; the time from the last one to the reply covering
// all three. "question": the last reads complete; "clauses": none does, so the
// reply waits the window.
func BenchmarkDuplexFragments(b *testing.B) {
	for _, kind := range []struct{ name, last string }{{"question", "跑鞋买多大？"}, {"clauses", "跑鞋买多大"}} {
		for _, window := range []int64{2500, 0} {
			b.Run(fmt.Sprintf("%s/window=%d", kind.name, window), func(b *testing.B) {
				svc, written := echoService(b, window)
				var ds []time.Duration
				for i := 0; b.Loop(); i++ {
					root := fmt.Sprintf("f%d", i)
					var at time.Time
					for j, text := range []string{"我平时穿38码皮鞋", "想买跑鞋", kind.last} {
						if j > 0 {
							time.Sleep(300 * time.Millisecond) // the customer's pace, not synchronisation
						}
						at = time.Now()
						svc.OnPost(&model.Post{Id: fmt.Sprintf("%s-%d", root, j), RootId: rootOf(root, j), UserId: "alice", ChannelId: "gen", Message: text})
					}
					// With window 0 each fragment may get its own reply: the last one counts.
					for p := nextFinal(b, written); p.Message != "re: "+tail(window, kind.last); p = nextFinal(b, written) { //nolint:revive // the loop only waits
					}
					ds = append(ds, time.Since(at))
				}
				report(b, ds)
			})
		}
	}
}

func rootOf(root string, j int) string {
	if j == 0 {
		return ""
	}
	return root + "-0"
}

// tail is what the reply covering the last fragment says of it.
func tail(window int64, last string) string {
	if window == 0 {
		return last
	}
	return "我平时穿38码皮鞋+想买跑鞋+" + last
}

func BenchmarkDuplexInterruptStaleStream(b *testing.B) {
	for _, window := range []int64{2500, 0} {
		b.Run(fmt.Sprintf("window=%d", window), func(b *testing.B) {
			srv := slowModel(b, llmtest.NewServer)
			svc, _, written := modelService(b, srv)
			withWindow(svc, window)
			var ds []time.Duration
			for i := 0; b.Loop(); i++ {
				// Each round makes two requests: the stale stream is the first.
				ds = append(ds, interruptStream(b, svc, srv, written, fmt.Sprintf("s%d", i), 2*i+1))
			}
			report(b, ds)
		})
	}
}
