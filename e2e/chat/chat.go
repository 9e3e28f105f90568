// Package chat is a terminal client for the demo server (make chat): log in as a
// demo customer or staff member, talk to the bot in a DM or a channel, read its
// replies (a streamed reply is shown once it is final), see cards as text and
// press their buttons by number, and — as staff — see handoffs arrive in the
// staff channel. It reads commands from an io.Reader and writes to an
// io.Writer, so a test drives it exactly as a person at a terminal does.
package chat

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// Config says whom to log in as and where to talk.
type Config struct {
	URL      string
	User     string
	Password string
	Team     string // default "shop"
	// Channel is "dm" (the DM with the bot, the default) or a channel name of Team.
	Channel string
	// StaffChannel is where handoffs arrive (default "staff"); watched when the
	// user is a member.
	StaffChannel string
	Bot          string        // the bot's username (default "concierge")
	Poll         time.Duration // how often posts are read (default 300 ms)
}

const help = `Type a message and press Enter to send it.
  #N or /press N   press button N of a card
  /thread N        continue in the thread of post N (staff: answer a handoff there)
  /new             start a new thread (in a channel)
  /help            this help          /quit   leave
  Any other /command runs as a Mattermost slash command (e.g. /concierge takeover).`

// Run logs in and talks until in ends, /quit, or ctx is done.
func Run(ctx context.Context, cfg Config, in io.Reader, out io.Writer) error {
	s, err := open(ctx, cfg, out)
	if err != nil {
		return err
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(in)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	tick := time.NewTicker(s.cfg.Poll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
			s.poll(ctx)
		case line, ok := <-lines:
			if !ok {
				return nil
			}
			if quit := s.handle(ctx, strings.TrimSpace(line)); quit {
				return nil
			}
		}
	}
}

// session is one logged-in user talking in one place.
type session struct {
	cfg      Config
	out      io.Writer
	c        *model.Client4
	me       *model.User
	bot      *model.User
	team     *model.Team
	channel  *model.Channel
	staff    *model.Channel // nil unless the user is a staff channel member
	root     string         // the current thread in a channel ("" = a new one)
	mine     map[string]bool
	names    map[string]string // user id → username
	view     *view
	watching []string // channel ids polled
}

func open(ctx context.Context, cfg Config, out io.Writer) (*session, error) {
	cfg.Team = or(cfg.Team, "shop")
	cfg.Channel = or(cfg.Channel, "dm")
	cfg.StaffChannel = or(cfg.StaffChannel, "staff")
	cfg.Bot = or(cfg.Bot, "concierge")
	if cfg.Poll <= 0 {
		cfg.Poll = 300 * time.Millisecond
	}
	s := &session{cfg: cfg, out: out, c: model.NewAPIv4Client(strings.TrimRight(cfg.URL, "/")), mine: map[string]bool{}, names: map[string]string{}, view: newView()}
	me, _, err := s.c.Login(ctx, cfg.User, cfg.Password)
	if err != nil {
		return nil, fmt.Errorf("log in as %s at %s: %w", cfg.User, cfg.URL, err)
	}
	s.me = me
	if s.bot, _, err = s.c.GetUserByUsername(ctx, cfg.Bot, ""); err != nil {
		return nil, fmt.Errorf("find the bot @%s (is the plugin enabled?): %w", cfg.Bot, err)
	}
	if s.team, _, err = s.c.GetTeamByName(ctx, cfg.Team, ""); err != nil {
		return nil, fmt.Errorf("team %s: %w", cfg.Team, err)
	}
	if cfg.Channel == "dm" {
		s.channel, _, err = s.c.CreateDirectChannel(ctx, me.Id, s.bot.Id)
	} else {
		s.channel, _, err = s.c.GetChannelByName(ctx, cfg.Channel, s.team.Id, "")
	}
	if err != nil {
		return nil, fmt.Errorf("channel %s: %w", cfg.Channel, err)
	}
	s.watching = []string{s.channel.Id}
	// Staff see handoffs arrive: a member of the staff channel watches it too.
	if ch, _, err := s.c.GetChannelByName(ctx, cfg.StaffChannel, s.team.Id, ""); err == nil && ch.Id != s.channel.Id {
		s.staff = ch
		s.watching = append(s.watching, ch.Id)
	}
	s.view.since = model.GetMillis()
	role := "customer"
	if s.staff != nil {
		role = "staff: handoffs in ~" + cfg.StaffChannel + " appear here"
	}
	where := "your DM with @" + cfg.Bot
	if cfg.Channel != "dm" {
		where = "~" + cfg.Channel
	}
	s.printf("Logged in as @%s (%s), talking in %s.\n%s\n", me.Username, role, where, help)
	return s, nil
}

// handle runs one input line; true means quit.
func (s *session) handle(ctx context.Context, line string) bool {
	switch {
	case line == "":
		return false
	case line == "/quit" || line == "/exit":
		s.printf("Bye.\n")
		return true
	case line == "/help":
		s.printf("%s\n", help)
	case line == "/new":
		s.root = ""
		s.printf("(a new thread starts with your next message)\n")
	case strings.HasPrefix(line, "#") || strings.HasPrefix(line, "/press "):
		s.press(ctx, strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(line, "#"), "/press ")))
	case strings.HasPrefix(line, "/thread "):
		s.thread(strings.TrimSpace(strings.TrimPrefix(line, "/thread ")))
	case strings.HasPrefix(line, "/"):
		s.command(ctx, line)
	default:
		s.send(ctx, line)
	}
	return false
}

func (s *session) send(ctx context.Context, text string) {
	post := &model.Post{ChannelId: s.view.channelOf(s.root, s.channel.Id), RootId: s.root, Message: text}
	created, _, err := s.c.CreatePost(ctx, post)
	if err != nil {
		s.printf("! could not send: %v\n", err)
		return
	}
	s.mine[created.Id] = true
	s.view.channels[created.Id] = created.ChannelId
	if created.ChannelId != s.channel.Id || s.channel.Type != model.ChannelTypeDirect {
		// In a channel the bot answers in the thread: keep talking there.
		s.root = or(created.RootId, created.Id)
		s.mine[s.root] = true
	}
}

func (s *session) press(ctx context.Context, arg string) {
	b, ok := s.view.button(arg)
	if !ok {
		s.printf("! no button %q (buttons are numbered in brackets, e.g. #1)\n", arg)
		return
	}
	if _, err := s.c.DoPostActionWithCookie(ctx, b.postID, b.actionID, "", "", nil, ""); err != nil {
		s.printf("! %s: %v\n", b.name, err)
		return
	}
	s.printf("(pressed %s)\n", b.name)
}

func (s *session) thread(arg string) {
	p, ok := s.view.post(arg)
	if !ok {
		s.printf("! no post %q\n", arg)
		return
	}
	s.root = p.rootID
	s.printf("(now in the thread of post %s; /new leaves it)\n", arg)
}

// command runs a slash command in the current channel and thread and prints the
// (ephemeral) answer, which the REST API returns only here.
func (s *session) command(ctx context.Context, line string) {
	channelID := s.view.channelOf(s.root, s.channel.Id)
	args := &model.CommandArgs{ChannelId: channelID, RootId: s.root, TeamId: s.team.Id, Command: line}
	var resp *model.CommandResponse
	var err error
	if s.root != "" {
		resp, err = s.threadCommand(ctx, args)
	} else {
		resp, _, err = s.c.ExecuteCommandWithTeam(ctx, args.ChannelId, args.TeamId, args.Command)
	}
	if err != nil {
		s.printf("! %s: %v\n", line, err)
		return
	}
	if resp != nil && resp.Text != "" {
		s.printf("%s\n", indent("(only you) "+resp.Text))
	}
}

// threadCommand runs a slash command inside a thread: Client4 has no call that
// takes a root id, the REST route does.
func (s *session) threadCommand(ctx context.Context, args *model.CommandArgs) (*model.CommandResponse, error) {
	body := fmt.Sprintf(`{"channel_id":%q,"team_id":%q,"root_id":%q,"command":%q}`, args.ChannelId, args.TeamId, args.RootId, args.Command)
	r, err := s.c.DoAPIPost(ctx, "/commands/execute", body)
	if err != nil {
		return nil, err
	}
	defer r.Body.Close()
	return model.CommandResponseFromJSON(r.Body)
}

// poll reads what changed in the watched channels and prints it.
func (s *session) poll(ctx context.Context) {
	for _, id := range s.watching {
		// Posts created or edited since the session began; the view prints only
		// what is new or changed.
		list, _, err := s.c.GetPostsSince(ctx, id, s.view.since, false)
		if err != nil {
			continue
		}
		for _, p := range list.ToSlice() {
			if !s.shows(p) {
				continue
			}
			if text, ok := s.view.update(p, s.name(ctx, p.UserId), id == s.staffID()); ok {
				s.printf("%s", text)
			}
		}
	}
}

func (s *session) staffID() string {
	if s.staff == nil {
		return ""
	}
	return s.staff.Id
}

// shows says whether a post is for this user's screen: not their own, not a
// system message, and in a shared channel only in their threads (a customer
// does not read other customers' threads; staff read everything).
func (s *session) shows(p *model.Post) bool {
	if p.UserId == s.me.Id || p.IsSystemMessage() || p.DeleteAt != 0 || p.CreateAt < s.view.since {
		return false
	}
	if s.staff != nil || s.channel.Type == model.ChannelTypeDirect {
		return true
	}
	return s.mine[p.RootId]
}

// name is a poster's username, looked up once.
func (s *session) name(ctx context.Context, userID string) string {
	if n, ok := s.names[userID]; ok {
		return n
	}
	n := userID
	if u, _, err := s.c.GetUser(ctx, userID, ""); err == nil {
		n = u.Username
	}
	s.names[userID] = n
	return n
}

func (s *session) printf(format string, args ...any) { fmt.Fprintf(s.out, format, args...) }

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func indent(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }
