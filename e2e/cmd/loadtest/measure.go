package main

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/concierge-shop/concierge/e2e/mmenv"
)

// offlineQuestions are answered from the shop's FAQs and policies and from the
// generated products; none asks for a person.
var offlineQuestions = []string{
	"多久发货？几天能到？", "Is shipping free?", "支持7天无理由退货吗？", "How do I choose a clothing size?",
	"包邮吗？运费怎么算？", "Can I return an item within 7 days for any reason?",
}

func question(i, k int) string {
	if (i+k)%3 == 2 {
		return genTitle((i*7919+k*104729)%100_000) + " 多少钱？"
	}
	return offlineQuestions[(i+k)%len(offlineQuestions)]
}

// phase is one row of figures: replies beside plain posts.
type phase struct {
	name    string
	turns   []turn
	answers answerCounts
	took    time.Duration // the whole phase, for replies a second
}

func (lt *loadTest) measure(ctx context.Context) error {
	plainCh := lt.env.Channels[mmenv.ChannelRandom].Id
	askCh := lt.env.Channels[mmenv.ChannelGeneral].Id

	rss, err := lt.settledRSS(ctx)
	if err != nil {
		return err
	}
	logf("plugin pid %d settled at %.0f MiB", lt.pid, rss)
	idleSearch, err := lt.searchLoop(ctx, nil, 200, 0)
	if err != nil {
		return err
	}

	solo, err := lt.offlinePhase(ctx, "1 customer", 1, lt.c.soloTurns, plainCh, askCh)
	if err != nil {
		return err
	}
	// The crowd, with staff searching the knowledge all along.
	stop := make(chan struct{})
	var busySearch searchTimes
	var searchErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		busySearch, searchErr = lt.searchLoop(ctx, stop, 5000, searchEvery)
	}()
	crowd, err := lt.offlinePhase(ctx, fmt.Sprintf("%d customers", lt.c.customers), lt.c.customers, lt.c.crowdTurns, plainCh, askCh)
	close(stop)
	wg.Wait()
	if err != nil {
		return err
	}
	if searchErr != nil {
		return searchErr
	}
	model, err := lt.modelPhase(ctx, plainCh, askCh)
	if err != nil {
		return err
	}
	after, err := lt.settledRSS(ctx)
	if err != nil {
		return err
	}
	lt.report(rss, after, idleSearch, busySearch, []phase{solo, crowd}, model)
	return nil
}

func (lt *loadTest) offlinePhase(ctx context.Context, name string, n, turns int, plainCh, askCh string) (phase, error) {
	logf("%s, %d questions each (offline)", name, turns)
	cs, err := newCustomers(ctx, lt.env, lt.bot.Id, "load", n)
	if err != nil {
		return phase{}, err
	}
	defer closeCustomers(cs)
	t0 := time.Now()
	ts, err := runCustomers(ctx, cs, turns, plainCh, askCh, question)
	took := time.Since(t0)
	if err != nil {
		return phase{}, err
	}
	counts, err := countAnswers(ctx, lt.env.Admin(), lt.bot.Id, ts)
	return phase{name: name, turns: ts, answers: counts, took: took}, err
}

// searchEvery paces staff searches while customers are answered: a few staff
// members looking things up (20 a second), not a flood that would starve the
// replies of the two cores.
const searchEvery = 50 * time.Millisecond

// searchLoop searches as staff, a query every `every` (0: back to back), until
// stop is closed or n searches are done. Beside each search it times, at the same
// moment on the same server, a plain Mattermost API call (GET /users/me) and a
// request to the plugin that does nothing (a route it does not have: 404), so the
// search is seen beside what any request costs then.
func (lt *loadTest) searchLoop(ctx context.Context, stop <-chan struct{}, n int, every time.Duration) (searchTimes, error) {
	qs := searchQueries()
	var out searchTimes
	staff, _ := lt.env.Client("staff1")
	for i := range n {
		select {
		case <-stop:
			return out, nil
		default:
		}
		t0 := time.Now()
		if _, err := lt.search(ctx, qs[i%len(qs)]); err != nil {
			return out, err
		}
		took := time.Since(t0)
		out.search = append(out.search, took)
		t1 := time.Now()
		if _, _, err := staff.GetMe(ctx, ""); err != nil {
			return out, fmt.Errorf("plain GET /users/me: %w", err)
		}
		out.plain = append(out.plain, time.Since(t1))
		t2 := time.Now()
		if err := lt.pluginNothing(ctx); err != nil {
			return out, err
		}
		out.nothing = append(out.nothing, time.Since(t2))
		if spent := time.Since(t0); every > spent {
			select {
			case <-stop:
				return out, nil
			case <-time.After(every - spent):
			}
		}
	}
	return out, nil
}

// searchTimes: each search, and beside it a plain API call and a request the
// plugin answers at once.
type searchTimes struct{ search, plain, nothing []time.Duration }

func (lt *loadTest) report(rss, rssAfter float64, idle, busy searchTimes, phases []phase, m modelResult) {
	w := os.Stdout
	fmt.Fprintf(w, "\nConcierge load test, %s, %d products, %s/%s %d cores, %s\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"),
		lt.c.products, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cpuModel())
	rows := [][]string{{"offline replies", "plain p50", "reply p50", "ratio", "plain p99", "reply p99", "ratio", "once", "twice+", "lost", "questions/s", "goal"}}
	for _, p := range phases {
		var plain, reply []time.Duration
		for _, t := range p.turns {
			plain = append(plain, t.plain)
			if t.answered {
				reply = append(reply, t.reply)
			}
		}
		rows = append(rows, []string{p.name, ms(pct(plain, 50)), ms(pct(reply, 50)), ratio(pct(reply, 50), pct(plain, 50)),
			ms(pct(plain, 99)), ms(pct(reply, 99)), ratio(pct(reply, 99), pct(plain, 99)),
			fmt.Sprint(p.answers.once), fmt.Sprint(p.answers.twice), fmt.Sprint(p.answers.lost),
			fmt.Sprintf("%.1f", float64(len(p.turns))/p.took.Seconds()), "≤1.5× p50, ≤3× p99"})
	}
	fmt.Fprint(w, table(rows), "\n")
	for _, p := range phases {
		fmt.Fprint(w, slowest(p.name, p.turns, 3))
	}
	fmt.Fprint(w, "\n", table(m.rows()), "\n")
	fmt.Fprint(w, table([][]string{
		{"knowledge search (staff, HTTP)", "n", "p50", "p99", "goal"},
		{"idle", fmt.Sprint(len(idle.search)), ms(pct(idle.search, 50)), ms(pct(idle.search, 99)), ""},
		{"  beside it: plain GET /users/me", fmt.Sprint(len(idle.plain)), ms(pct(idle.plain, 50)), ms(pct(idle.plain, 99)), ""},
		{"  beside it: a plugin request that does nothing (404)", fmt.Sprint(len(idle.nothing)), ms(pct(idle.nothing, 50)), ms(pct(idle.nothing, 99)), ""},
		{"while customers are answered (20/s)", fmt.Sprint(len(busy.search)), ms(pct(busy.search, 50)), ms(pct(busy.search, 99)), "p99 ≤ 25 ms"},
		{"  beside it: plain GET /users/me", fmt.Sprint(len(busy.plain)), ms(pct(busy.plain, 50)), ms(pct(busy.plain, 99)), ""},
		{"  beside it: a plugin request that does nothing (404)", fmt.Sprint(len(busy.nothing)), ms(pct(busy.nothing, 50)), ms(pct(busy.nothing, 99)), ""},
	}), "\n")
	fmt.Fprint(w, table([][]string{
		{"plugin process", "value", "goal"},
		{"import + index", lt.importTime.Round(time.Millisecond).String(), ""},
		{"settled RSS after import", fmt.Sprintf("%.0f MiB", rss), "≤ 250 MB"},
		{"settled RSS after the load", fmt.Sprintf("%.0f MiB", rssAfter), "≤ 250 MB"},
		{"median prompt per model request", fmt.Sprintf("%d tokens (est.)", m.medianTokens()), "≤ 2,000"},
		{"  first request (question) · last (with the tool result)", fmt.Sprintf("%d · %d tokens", median(m.first), median(m.last)), ""},
	}))
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// slowest names a phase's n slowest replies (which question, the how-many-th of
// its customer): a tail that is always the first question, or always one kind,
// has a cause to look for.
func slowest(name string, turns []turn, n int) string {
	ts := slices.Clone(turns)
	ts = slices.DeleteFunc(ts, func(t turn) bool { return !t.answered })
	slices.SortFunc(ts, func(a, b turn) int { return cmp.Compare(b.reply, a.reply) })
	var b strings.Builder
	for i, t := range ts[:min(n, len(ts))] {
		if i == 0 {
			fmt.Fprintf(&b, "slowest of %s:", name)
		}
		fmt.Fprintf(&b, " %s (question %d, %q)", ms(t.reply), t.seq+1, t.question)
	}
	if b.Len() > 0 {
		b.WriteString("\n")
	}
	return b.String()
}
