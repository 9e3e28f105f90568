// Command eval runs the labelled question sets (e2e/eval/questions/<shop>/<set>.json)
// against Concierge on a real Mattermost server and PostgreSQL, and reports how
// well the bot did (make eval; README in e2e/eval). For each shop it starts a fresh
// server (build/e2e-up.sh), installs the plugin, imports the shop's data with its
// timestamps moved to today, and asks every question as its customer in a
// conversation of its own; then it judges the reply to the last turn (package eval).
//
// Environment (all optional):
//
//	EVAL_SETS          comma-separated set names (blind, final, sample) or .json paths; default blind
//	EVAL_SHOPS         comma-separated shops; default every e2e/eval/questions/<shop>/ with an assets/<shop>/
//	EVAL_ONLY          a regular expression on question ids
//	EVAL_MODE          dm (default: a DM with the bot) or thread (a thread in the shared channel cs-general)
//	EVAL_OUT           where the report goes; default e2e/eval/out
//	EVAL_REPLY_TIMEOUT how long to wait for one reply (Go duration); default 30s offline, 3m with an LLM
//	EVAL_HANDOFF_GRACE how long a handoff may follow a reply; default 300ms
//	LLM_BASE_URL, LLM_API_KEY, LLM_MODEL  run against that endpoint instead of offline
//	E2E_REUSE=1 + E2E_MM_URL  use a running server instead of a fresh one per shop
//	E2E_BUNDLE         the plugin bundle; default the newest dist/concierge-*.tar.gz
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/e2e/eval"
	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/concierge-shop/concierge/server/i18n"
)

const pollEvery = 50 * time.Millisecond

type config struct {
	root, out, bundle, mode, url string
	sets, shops                  []string
	only                         *regexp.Regexp
	replyTimeout, handoffGrace   time.Duration
	reuse                        bool
	llmURL, llmKey, llmModel     string
}

func main() {
	cfg, err := readConfig()
	if err == nil {
		err = run(cfg)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "eval:", err)
		os.Exit(1)
	}
}

func readConfig() (*config, error) {
	root, err := filepath.Abs(envOr("EVAL_ROOT", "."))
	if err != nil {
		return nil, err
	}
	c := &config{
		root:     root,
		out:      envOr("EVAL_OUT", filepath.Join(root, "e2e", "eval", "out")),
		bundle:   os.Getenv("E2E_BUNDLE"),
		mode:     envOr("EVAL_MODE", "dm"),
		sets:     splitList(envOr("EVAL_SETS", "blind")),
		shops:    splitList(os.Getenv("EVAL_SHOPS")),
		reuse:    os.Getenv("E2E_REUSE") == "1",
		url:      envOr("E2E_MM_URL", "http://127.0.0.1:"+envOr("E2E_MM_PORT", "8065")),
		llmURL:   os.Getenv("LLM_BASE_URL"),
		llmKey:   os.Getenv("LLM_API_KEY"),
		llmModel: os.Getenv("LLM_MODEL"),
	}
	if c.mode != "dm" && c.mode != "thread" {
		return nil, fmt.Errorf("EVAL_MODE=%q: want dm or thread", c.mode)
	}
	if s := os.Getenv("EVAL_ONLY"); s != "" {
		if c.only, err = regexp.Compile(s); err != nil {
			return nil, fmt.Errorf("EVAL_ONLY: %w", err)
		}
	}
	c.replyTimeout = 30 * time.Second
	if c.llmURL != "" {
		c.replyTimeout = 3 * time.Minute
	}
	if c.replyTimeout, err = envDuration("EVAL_REPLY_TIMEOUT", c.replyTimeout); err != nil {
		return nil, err
	}
	if c.handoffGrace, err = envDuration("EVAL_HANDOFF_GRACE", 300*time.Millisecond); err != nil {
		return nil, err
	}
	if c.bundle == "" {
		if c.bundle, err = mmenv.FindBundle(root); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// job is one set's questions for one shop.
type job struct {
	shop, set, path string
	qs              *eval.Set
}

// discover finds the question files: for a set name N, questions/<shop>/N.json
// of every shop (a directory with an assets/<shop>/), and questions/N/*.json
// (not a shop: each file names its shop); a name ending in .json is a file.
func discover(c *config) ([]job, error) {
	qdir := filepath.Join(c.root, "e2e", "eval", "questions")
	isShop := func(name string) bool {
		st, err := os.Stat(filepath.Join(c.root, "assets", name, "catalog.json"))
		return err == nil && !st.IsDir()
	}
	entries, _ := os.ReadDir(qdir)
	var shops []string
	for _, e := range entries {
		if e.IsDir() && isShop(e.Name()) {
			shops = append(shops, e.Name())
		}
	}
	var jobs []job
	add := func(shop, set, path string) error {
		s, warnings, err := eval.LoadSet(path)
		for _, w := range warnings {
			fmt.Fprintf(os.Stderr, "eval: warning: %s: %s\n", path, w)
		}
		if err != nil {
			return err
		}
		if shop == "" {
			shop = s.Shop
		} else if s.Shop != "" && s.Shop != shop {
			fmt.Fprintf(os.Stderr, "eval: warning: %s says shop %q; it is run for %q (its directory)\n", path, s.Shop, shop)
		}
		if !isShop(shop) {
			return fmt.Errorf("%s: shop %q has no assets/%s/catalog.json", path, shop, shop)
		}
		if len(c.shops) > 0 && !slices.Contains(c.shops, shop) {
			return nil
		}
		jobs = append(jobs, job{shop: shop, set: set, path: path, qs: s})
		return nil
	}
	for _, set := range c.sets {
		before := len(jobs)
		if strings.HasSuffix(set, ".json") {
			if err := add("", strings.TrimSuffix(filepath.Base(set), ".json"), set); err != nil {
				return nil, err
			}
			continue
		}
		for _, shop := range shops {
			p := filepath.Join(qdir, shop, set+".json")
			if _, err := os.Stat(p); err == nil {
				if err := add(shop, set, p); err != nil {
					return nil, err
				}
			}
		}
		if !isShop(set) {
			files, _ := filepath.Glob(filepath.Join(qdir, set, "*.json"))
			for _, p := range files {
				if err := add("", set, p); err != nil {
					return nil, err
				}
			}
		}
		if len(jobs) == before {
			fmt.Fprintf(os.Stderr, "eval: warning: no question file for set %q (shops %v)\n", set, cmpOr(c.shops, shops))
		}
	}
	return jobs, nil
}

func run(c *config) error {
	jobs, err := discover(c)
	if err != nil {
		return err
	}
	if len(jobs) == 0 {
		return errors.New("nothing to run: no question files for EVAL_SETS=" + strings.Join(c.sets, ",") +
			" (write e2e/eval/questions/<shop>/<set>.json, or EVAL_SETS=sample)")
	}
	byShop := map[string][]job{}
	var shops []string
	for _, j := range jobs {
		if byShop[j.shop] == nil {
			shops = append(shops, j.shop)
		}
		byShop[j.shop] = append(byShop[j.shop], j)
	}
	sort.Strings(shops)
	mode := "offline"
	if c.llmURL != "" {
		mode = "llm " + c.llmURL + " " + c.llmModel
	}
	fmt.Fprintf(os.Stderr, "eval: %s, %s conversations, sets %v, shops %v, bundle %s\n", mode, c.mode, c.sets, shops, filepath.Base(c.bundle))

	started := time.Now()
	var results []eval.Result
	for _, shop := range shops {
		rs, err := runShop(c, shop, byShop[shop])
		results = append(results, rs...)
		if err != nil {
			return fmt.Errorf("shop %s: %w", shop, err)
		}
	}
	return report(c, mode, started, results)
}

// runShop brings up a fresh server (unless reusing one), runs the shop's sets
// and stops the server again.
func runShop(c *config, shop string, jobs []job) ([]eval.Result, error) {
	url := c.url
	if !c.reuse {
		var err error
		if url, err = mmenv.Script(c.root, "e2e-up.sh"); err != nil {
			return nil, err
		}
		defer func() {
			if _, err := mmenv.Script(c.root, "e2e-down.sh"); err != nil {
				fmt.Fprintln(os.Stderr, "eval:", err)
			}
		}()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	t0 := time.Now()
	env, err := mmenv.Setup(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("set up %s: %w", url, err)
	}
	settings := mmenv.DefaultSettings()
	settings["llmbaseurl"], settings["llmapikey"], settings["llmmodel"] = c.llmURL, c.llmKey, c.llmModel
	if err := env.SetPluginSettings(ctx, settings); err != nil {
		return nil, err
	}
	if _, err := env.InstallPlugin(ctx, c.bundle); err != nil {
		return nil, err
	}
	bot, err := env.BotUser(ctx)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "eval: shop %s: server %s ready in %v\n", shop, url, time.Since(t0).Round(time.Millisecond))
	r := &runner{c: c, env: env, bot: bot, shop: shop}
	var results []eval.Result
	for _, j := range jobs {
		rs, err := r.runSet(j)
		results = append(results, rs...)
		if err != nil {
			return results, fmt.Errorf("set %s: %w", j.set, err)
		}
	}
	return results, nil
}

type runner struct {
	c    *config
	env  *mmenv.Env
	bot  *model.User
	shop string

	orders eval.Doc // the shop's orders document as in its file
	shift  func() time.Duration
	loc    *time.Location // the anchor's zone, in which the shop's dates are written
	seq    int
}

func (r *runner) runSet(j job) ([]eval.Result, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	dir := filepath.Join(r.c.root, "assets", r.shop)
	cat, err := readDoc(filepath.Join(dir, "catalog.json"))
	if err != nil {
		return nil, err
	}
	if r.orders, err = readDoc(filepath.Join(dir, "orders.json")); err != nil {
		return nil, err
	}
	anchor, hasAnchor, err := j.qs.AnchorTime()
	if err != nil {
		return nil, err
	}
	// One shift for the whole set, taken now: the catalogue (imported once) and each
	// question's orders move alike, so the dates of a reply move back by it
	// exactly (eval.UnshiftDates). "Now" drifts from the anchor by the run's few
	// minutes, far inside any edge a writer sets (hours).
	var shift time.Duration
	if hasAnchor {
		shift = time.Since(anchor).Round(time.Minute)
		r.loc = anchor.Location()
	}
	r.shift = func() time.Duration { return shift }
	// The shop's customers as Mattermost users, so that the price-protection sweep
	// after the catalog import reaches them (and not a question's user later).
	for _, u := range eval.Customers(r.orders) {
		if _, ok := r.env.User(u); ok || !model.IsValidUsername(u) {
			continue
		}
		if err := r.env.AddAccount(ctx, mmenv.Account{Username: u, Password: "Eval-pass-1", Role: mmenv.RoleCustomer}); err != nil {
			fmt.Fprintf(os.Stderr, "eval: warning: customer %s: %v\n", u, err)
		}
	}
	// Catalog, orders (checked against the catalog), then the catalog again: the
	// price-protection sweep after a catalog import marks every eligible order line
	// once, for the shop's own customers, so that neither it nor the hourly sweep
	// later posts a proactive card into a question's conversation.
	d := r.shift()
	shiftedCat := eval.ShiftCatalog(cat, d)
	for _, step := range []struct {
		path string
		doc  eval.Doc
	}{{"/catalog", shiftedCat}, {"/orders", eval.ShiftOrders(r.orders, d, nil)}, {"/catalog", shiftedCat}} {
		if err := r.importDoc(ctx, step.path, step.doc); err != nil {
			return nil, err
		}
	}
	if err := r.waitIndexed(ctx, cat); err != nil {
		return nil, err
	}
	time.Sleep(time.Second) // the sweep runs in the background after the import
	fmt.Fprintf(os.Stderr, "eval: shop %s set %s: %d questions (%s), data shifted by %v\n",
		r.shop, j.set, len(j.qs.Questions), j.path, d.Round(time.Second))

	var results []eval.Result
	qs := j.qs.Questions
	if r.c.only != nil {
		qs = slices.DeleteFunc(slices.Clone(qs), func(q eval.Question) bool { return !r.c.only.MatchString(q.ID) })
	}
	t0 := time.Now()
	for i, q := range qs {
		tq := time.Now()
		res := r.ask(q)
		res.Seconds = time.Since(tq).Seconds()
		res.Set, res.Shop = j.set, r.shop
		results = append(results, res)
		mark := "ok  "
		if !res.Verdict.Right {
			mark = "FAIL"
		}
		if res.Verdict.Wrong {
			mark += " wrong"
		}
		fmt.Fprintf(os.Stderr, "[%3d/%d] %-4s %-16s %-8s %4.1fs %s\n", i+1, len(qs), mark, q.ID, q.Expect.Outcome, res.Seconds,
			strings.Join(append(append(res.Verdict.Reasons, errs(harness(res.Error))...), errs(res.Note)...), "; "))
	}
	if len(qs) > 0 {
		fmt.Fprintf(os.Stderr, "eval: shop %s set %s: %d questions in %v\n", r.shop, j.set, len(qs), time.Since(t0).Round(time.Second))
	}
	return results, nil
}

func harness(e string) string {
	if e == "" {
		return ""
	}
	return "harness: " + e
}

// errs is e as a list (none when empty).
func errs(e string) []string {
	if e == "" {
		return nil
	}
	return []string{e}
}

// importDoc POSTs shop data as the admin and requires 200.
func (r *runner) importDoc(ctx context.Context, path string, doc eval.Doc) error {
	status, body, err := r.plugin(ctx, "admin", http.MethodPost, path, eval.MustJSON(doc))
	if err != nil {
		return err
	}
	if status != http.StatusOK {
		return fmt.Errorf("POST %s: %d %s", path, status, truncate(body))
	}
	return nil
}

// waitIndexed waits until the knowledge search finds the catalog's first FAQ (or
// product): a new catalog is indexed in the background.
func (r *runner) waitIndexed(ctx context.Context, cat eval.Doc) error {
	var id, q string
	for _, list := range []struct{ key, text string }{{"faqs", "question"}, {"products", "title"}, {"policies", "title"}} {
		items, _ := cat[list.key].([]any)
		if len(items) > 0 {
			m, _ := items[0].(eval.Doc)
			id, _ = m["id"].(string)
			q, _ = m[list.text].(string)
			break
		}
	}
	if id == "" || q == "" {
		return nil
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		status, body, err := r.plugin(ctx, "admin", http.MethodGet, "/search?limit=20&q="+urlQuery(q), nil)
		if err == nil && status == http.StatusOK && bytes.Contains(body, []byte(`"`+id+`"`)) {
			return nil
		}
		if time.Now().After(deadline) {
			fmt.Fprintf(os.Stderr, "eval: warning: search never found %s (%q): the index may not be ready\n", id, q)
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func (r *runner) plugin(ctx context.Context, user, method, path string, body []byte) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	resp, err := r.env.PluginRequest(ctx, user, method, "/api/v1"+path, rd)
	if err != nil {
		return 0, nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, err
}

// newUser creates the Mattermost user who asks one question: a clone of the
// customer (their orders are re-imported under its name) or a guest.
func (r *runner) newUser(ctx context.Context, customer string) (string, error) {
	r.seq++
	base := strings.Map(func(c rune) rune {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' {
			return c
		}
		return '-'
	}, strings.ToLower(customer))
	if base == "" || base[0] < 'a' || base[0] > 'z' {
		base = "c" + base
	}
	if len(base) > 30 {
		base = base[:30]
	}
	name := fmt.Sprintf("%s-q%d%s", base, r.seq, strings.ToLower(model.NewId()[:4]))
	return name, r.env.AddAccount(ctx, mmenv.Account{Username: name, Password: "Eval-pass-1", Role: mmenv.RoleCustomer})
}

// retire deactivates a question's user; its posts and DM stay readable.
func (r *runner) retire(user string) {
	u, ok := r.env.User(user)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := r.env.Admin().DeleteUser(ctx, u.Id); err != nil {
		fmt.Fprintf(os.Stderr, "eval: warning: deactivate %s: %v\n", user, err)
	}
}

// ask runs one question and judges it.
func (r *runner) ask(q eval.Question) (res eval.Result) {
	res.Question = q
	timeout := r.c.replyTimeout*time.Duration(len(q.Turns)) + time.Minute
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	defer func() { res.Verdict = eval.Judge(q, res.Obs) }()

	user, err := r.newUser(ctx, q.Customer)
	res.User = user
	if err != nil {
		res.Error = err.Error()
		return res
	}
	// Deactivated once judged: an unlicensed server refuses new users past its
	// active-user limit (about 250), and a set has more questions than that.
	defer r.retire(user)
	rename := map[string]string{}
	if q.Customer != eval.Guest {
		rename[q.Customer] = user
	}
	if err := r.importDoc(ctx, "/orders", eval.ShiftOrders(r.orders, r.shift(), rename)); err != nil {
		res.Error = err.Error()
		return res
	}
	cl, _ := r.env.Client(user)
	u, _ := r.env.User(user)
	dm, _, err := cl.CreateDirectChannel(ctx, u.Id, r.bot.Id)
	if err != nil {
		res.Error = "DM with the bot: " + err.Error()
		return res
	}
	chID, rootID := dm.Id, ""
	if r.c.mode == "thread" {
		chID = r.env.Channels[mmenv.ChannelGeneral].Id
	}
	conv := &watch{r: r, cl: cl, dm: dm.Id, convCh: chID, since: model.GetMillis() - 1000}

	for i, text := range q.Turns {
		last := i == len(q.Turns)-1
		p, _, err := cl.CreatePost(ctx, &model.Post{ChannelId: chID, Message: text, RootId: rootID})
		if err != nil {
			res.Error = fmt.Sprintf("post turn %d: %v", i+1, err)
			return res
		}
		if rootID == "" && r.c.mode == "thread" {
			rootID = p.Id
		}
		conv.id = chID
		if r.c.mode == "thread" {
			conv.id = rootID
		}
		t0 := time.Now()
		reply, handedOff, err := conv.waitReply(ctx, chID, rootID, p)
		res.LatencyMs = append(res.LatencyMs, time.Since(t0).Milliseconds())
		turn := eval.Turn{Customer: text}
		if reply != nil {
			turn.Bot = postText(reply)
			if r.c.mode == "thread" {
				if leak := r.personalData(q.Customer, reply); leak != "" {
					res.PrivacyLeak = addNote(res.PrivacyLeak, fmt.Sprintf("turn %d: %s in the shared thread", i+1, leak))
				}
			}
		}
		res.Transcript = append(res.Transcript, turn)
		switch {
		case errors.Is(err, errBot):
			res.Note = addNote(res.Note, fmt.Sprintf("turn %d: %v", i+1, strings.TrimPrefix(err.Error(), errBot.Error()+": ")))
		case err != nil:
			res.Error = fmt.Sprintf("turn %d: %v", i+1, err)
		}
		if !handedOff {
			handedOff = conv.waitHandoff(ctx, r.c.handoffGrace)
		}
		if last || handedOff || reply == nil {
			if r.c.mode == "thread" && reply != nil {
				// The privacy redirect: the answer (and its card) in the customer's DM.
				res.ReplyIn = "thread"
				if dmPost := conv.redirected(ctx, rootID, p); dmPost != nil {
					reply, res.ReplyIn = dmPost, "dm (concierge_for)"
					res.Transcript[len(res.Transcript)-1].Bot += "\n[in the DM] " + postText(dmPost)
				}
			}
			res.Obs.HandedOff = handedOff
			if reply != nil && last {
				if res.ReplyIn == "" {
					res.ReplyIn = "dm"
				}
				res.Obs.Replied = true
				res.Obs.Text = eval.UnshiftDates(postText(reply), r.shift(), r.loc)
				res.Obs.Card = cardKind(reply)
			}
			if !last {
				res.Note = addNote(res.Note, fmt.Sprintf("stopped after turn %d of %d (handed off %v)", i+1, len(q.Turns), handedOff))
			}
			return res
		}
	}
	return res
}

// errBot marks what the bot did not do (no reply in time), as opposed to a
// problem of the harness.
var errBot = errors.New("bot")

func addNote(note, s string) string {
	if note == "" {
		return s
	}
	return note + "; " + s
}

// personalData says what of the customer's personal data (SPEC §7 Privacy: a
// refund card, their order ids) a post shows; "" when none.
func (r *runner) personalData(customer string, p *model.Post) string {
	if k := cardKind(p); k != "" {
		return "a " + k + " card"
	}
	orders, _ := r.orders["orders"].([]any)
	for _, o := range orders {
		m, _ := o.(eval.Doc)
		id, _ := m["id"].(string)
		if u, _ := m["user"].(string); u == customer && id != "" && strings.Contains(postText(p), id) {
			return "order " + id
		}
	}
	return ""
}

// watch follows one question's conversation.
type watch struct {
	r      *runner
	cl     *model.Client4
	dm, id string // the DM with the bot; the conversation's id (DM channel or thread root)
	convCh string // the conversation's channel
	since  int64  // the question's start (ms)
}

// waitReply waits for the bot's reply to the customer's post p and returns it once
// complete (no concierge_streaming prop). It stops early when the conversation is
// handed to staff, where the bot stays silent.
func (w *watch) waitReply(ctx context.Context, channelID, rootID string, p *model.Post) (*model.Post, bool, error) {
	deadline := time.Now().Add(w.r.c.replyTimeout)
	nextState := time.Now().Add(time.Second)
	for {
		list, _, err := w.cl.GetPostsSince(ctx, channelID, p.CreateAt, false)
		if err != nil {
			return nil, false, fmt.Errorf("read posts: %w", err)
		}
		var reply *model.Post
		for _, bp := range botPosts(list, w.r.bot.Id, p.CreateAt) {
			if isReply(bp) && (rootID == "" || bp.RootId == rootID) {
				reply = bp
				break
			}
		}
		if reply != nil && reply.GetProp("concierge_streaming") == nil {
			return reply, false, nil
		}
		if time.Now().After(nextState) {
			nextState = time.Now().Add(time.Second)
			if w.handoffCard(ctx) {
				return reply, true, nil
			}
			if st := w.state(ctx); st == "waiting_human" || st == "human" {
				return reply, true, nil
			}
		}
		if time.Now().After(deadline) {
			if reply != nil {
				return reply, false, fmt.Errorf("%w: reply still streaming after %v", errBot, w.r.c.replyTimeout)
			}
			// A second way of reading the channel, so that "no reply" is the bot's doing.
			if page, _, err := w.cl.GetPostsForChannel(ctx, channelID, 0, 60, "", false, false); err == nil {
				for _, bp := range botPosts(page, w.r.bot.Id, p.CreateAt) {
					if isReply(bp) && (rootID == "" || bp.RootId == rootID) {
						return bp, false, fmt.Errorf("the reply %s was only seen in the channel's latest posts, not in the posts since the question", bp.Id)
					}
				}
			}
			st := w.state(ctx)
			if st == "" {
				st = "none (the plugin did not record the message)"
			}
			return nil, false, fmt.Errorf("%w: no reply within %v (conversation state: %s)", errBot, w.r.c.replyTimeout, st)
		}
		select {
		case <-ctx.Done():
			return reply, false, ctx.Err()
		case <-time.After(pollEvery):
		}
	}
}

// waitHandoff waits up to the grace period for the handoff that may follow a
// reply: its card (cheap to poll) or, at the end, the conversation's state.
func (w *watch) waitHandoff(ctx context.Context, grace time.Duration) bool {
	end := time.Now().Add(grace)
	for {
		if w.handoffCard(ctx) {
			return true
		}
		if time.Now().After(end) || ctx.Err() != nil {
			st := w.state(ctx)
			return st == "waiting_human" || st == "human"
		}
		time.Sleep(pollEvery)
	}
}

// handoffCard: the bot posted this conversation's handoff card (prop
// concierge_handoff = the conversation id), in the staff channel (a DM's or a
// shared thread's) or in the conversation's own channel.
func (w *watch) handoffCard(ctx context.Context) bool {
	admin := w.r.env.Admin()
	chans := []string{w.r.env.Channels[mmenv.ChannelStaff].Id}
	if w.convCh != w.dm {
		chans = append(chans, w.convCh)
	}
	for _, ch := range chans {
		list, _, err := admin.GetPostsSince(ctx, ch, w.since, false)
		if err != nil {
			continue
		}
		for _, p := range botPosts(list, w.r.bot.Id, w.since) {
			if v, _ := p.GetProp("concierge_handoff").(string); v != "" && v == w.id {
				return true
			}
		}
	}
	return false
}

// state is the conversation's state as staff see it (GET /conversations).
func (w *watch) state(ctx context.Context) string {
	status, body, err := w.r.plugin(ctx, "admin", http.MethodGet, "/conversations", nil)
	if err != nil || status != http.StatusOK {
		return ""
	}
	var out struct {
		Conversations []struct {
			ID, State string
		} `json:"conversations"`
	}
	if json.Unmarshal(body, &out) != nil {
		return ""
	}
	for _, c := range out.Conversations {
		if c.ID == w.id {
			return c.State
		}
	}
	return ""
}

// redirected is the bot's post in the customer's DM answering the thread rootID
// (prop concierge_for), if any.
func (w *watch) redirected(ctx context.Context, rootID string, p *model.Post) *model.Post {
	list, _, err := w.cl.GetPostsSince(ctx, w.dm, p.CreateAt, false)
	if err != nil {
		return nil
	}
	for _, bp := range botPosts(list, w.r.bot.Id, p.CreateAt) {
		if v, _ := bp.GetProp("concierge_for").(string); v == rootID && isReply(bp) {
			return bp
		}
	}
	return nil
}

// botPosts are the bot's own posts created at or after `after`, oldest first.
func botPosts(list *model.PostList, botID string, after int64) []*model.Post {
	var out []*model.Post
	for _, p := range list.Posts {
		if p.UserId == botID && !p.IsSystemMessage() && p.DeleteAt == 0 && p.CreateAt >= after {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].CreateAt < out[j].CreateAt })
	return out
}

// cardProps mark the bot's posts that are not replies (SPEC §7): the handoff
// summary card, a proactive price-protection card, a staff approval request, a rating.
var cardProps = []string{"concierge_handoff", "concierge_card", "concierge_approval", "concierge_csat"}

func isReply(p *model.Post) bool {
	return !slices.ContainsFunc(cardProps, func(k string) bool { return p.GetProp(k) != nil })
}

// postText is the post's message and the text of its attachments.
func postText(p *model.Post) string {
	var b strings.Builder
	b.WriteString(p.Message)
	for _, a := range p.Attachments() {
		for _, s := range []string{a.Pretext, a.Title, a.Text} {
			if s != "" {
				b.WriteString("\n" + s)
			}
		}
		for _, f := range a.Fields {
			fmt.Fprintf(&b, "\n%s: %v", f.Title, f.Value)
		}
		if a.Footer != "" {
			b.WriteString("\n" + a.Footer)
		}
	}
	return b.String()
}

// cardTitles maps a refund card's title, in either language, to its kind.
var cardTitles = func() map[string]string {
	m := map[string]string{}
	for _, kind := range []string{"deposit", "price_protection", "return"} {
		for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
			m[i18n.T(lang, "refund.card.title."+kind)] = kind
		}
	}
	return m
}()

// cardKind is the kind of the refund card the reply carries: "" when none,
// "refund" for a card with the refund buttons but an unknown title.
func cardKind(p *model.Post) string {
	for _, a := range p.Attachments() {
		if k, ok := cardTitles[a.Title]; ok {
			return k
		}
		for _, act := range a.Actions {
			if act.Integration != nil && strings.Contains(act.Integration.URL, "/actions/refund") {
				return "refund"
			}
		}
	}
	return ""
}

func report(c *config, mode string, started time.Time, results []eval.Result) error {
	if err := os.MkdirAll(c.out, 0o755); err != nil {
		return err
	}
	var sets []string
	for _, r := range results {
		if !slices.Contains(sets, r.Set) {
			sets = append(sets, r.Set)
		}
	}
	var summaries []eval.Summary
	var text bytes.Buffer
	fmt.Fprintf(&text, "Concierge eval %s · %s · %s conversations · %d questions in %v\n",
		started.Format(time.RFC3339), mode, c.mode, len(results), time.Since(started).Round(time.Second))
	for _, set := range sets {
		var shops []string
		for _, r := range results {
			if r.Set == set && !slices.Contains(shops, r.Shop) {
				shops = append(shops, r.Shop)
			}
		}
		var sums []eval.Summary
		for _, shop := range shops {
			rs := slices.DeleteFunc(slices.Clone(results), func(r eval.Result) bool { return r.Set != set || r.Shop != shop })
			s := eval.Summarize(set, shop, rs)
			eval.WriteTable(&text, s)
			sums = append(sums, s)
		}
		eval.WriteTotals(&text, set, sums)
		summaries = append(summaries, sums...)
	}
	var fails bytes.Buffer
	fmt.Fprintf(&fails, "# Concierge eval: questions not right (%s, %s)\n\n", started.Format(time.RFC3339), mode)
	n := eval.WriteFailures(&fails, results)
	fmt.Fprintf(&text, "\n%d of %d questions not right, with a wrong fact or a privacy leak: %s\n", n, len(results), filepath.Join(c.out, "failures.md"))

	rep := map[string]any{
		"started": started.Format(time.RFC3339), "seconds": time.Since(started).Seconds(),
		"mode": mode, "conversations": c.mode, "sets": sets, "bundle": filepath.Base(c.bundle),
		"summaries": summaries, "results": results,
	}
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	for name, content := range map[string][]byte{"report.json": data, "failures.md": fails.Bytes(), "summary.txt": text.Bytes()} {
		if err := os.WriteFile(filepath.Join(c.out, name), content, 0o644); err != nil {
			return err
		}
	}
	os.Stdout.Write(text.Bytes())
	fmt.Printf("report: %s\n", filepath.Join(c.out, "report.json"))
	return nil
}

func readDoc(path string) (eval.Doc, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	d, err := eval.DecodeDoc(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func envDuration(key string, def time.Duration) (time.Duration, error) {
	v := os.Getenv(key)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", key, err)
	}
	return d, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func cmpOr(a, b []string) []string {
	if len(a) > 0 {
		return a
	}
	return b
}

func truncate(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return strings.TrimSpace(string(b))
}

func urlQuery(s string) string { return url.QueryEscape(s) }
