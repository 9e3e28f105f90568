package refund

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/safetext"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/store"
)

// API is what the cards need from Mattermost.
type API interface {
	CreatePost(post *model.Post) (*model.Post, *model.AppError)
	UpdatePost(post *model.Post) (*model.Post, *model.AppError)
	GetPost(postID string) (*model.Post, *model.AppError)
	GetUser(userID string) (*model.User, *model.AppError)
	LogError(msg string, keyValuePairs ...any)
	LogWarn(msg string, keyValuePairs ...any)
	LogInfo(msg string, keyValuePairs ...any)
}

// Settings the service reads on every use, so a change applies at once.
type Settings struct {
	Limit          int64 // RefundAutoApproveLimit, cents
	ProtectionDays int
	ReturnDays     int           // return window from delivery
	CardLifetime   time.Duration // an offer not confirmed within it expires (0 = never)
	Backend        commerce.OrderBackend
	// Clean removes secrets (the backend's URL secrets) from an error before it is
	// stored on a card, where staff read it; nil keeps the text.
	Clean func(string) string
}

func (st Settings) clean(err error, lang string) string {
	// A refusal commerce words for the customer is shown in the card's language.
	text := i18n.ErrorText(err, i18n.FromLocale(lang))
	if st.Clean == nil {
		return text
	}
	return st.Clean(text)
}

func (st Settings) policy() commerce.Policy {
	return commerce.Policy{ProtectionDays: st.ProtectionDays, ReturnDays: st.ReturnDays}
}

// Deps wires the service.
type Deps struct {
	API      API
	KV       store.KV
	BotID    string
	Shop     interface{ Snapshot() *shop.Snapshot }
	Ledger   commerce.Ledger
	Settings func() Settings
	People   People
	NewID    func() string
	Now      func() time.Time
}

// People is what refunds ask package people: who may approve, and where and whom
// to ask. The staff channel and its members cost a few API calls, so they are asked
// only when an approval request is posted, not on every offer.
type People interface {
	IsStaff(userID string) bool
	StaffChannelID() string
	StaffUsernames(channelID string, limit int) []string
}

// maxApprovers keeps an approval request from pinging a whole department.
const maxApprovers = 5

type Service struct{ d Deps }

func New(d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	return &Service{d: d}
}

// OfferInput says who asks for which refund, and where the card goes.
type OfferInput struct {
	UserID, Username  string
	ChannelID, RootID string
	ConversationID    string
	OrderID, Kind     string
	// SKUs: for a return, the lines returned (none: the whole order).
	SKUs      []string
	Reason    string
	Lang      i18n.Lang
	Proactive bool
	// DM: the conversation is a DM staff cannot see; approvals go to the staff channel.
	DM bool
}

// Offer computes the refund from the customer's own order and stores a card for it.
// The caller puts card.Attachment() on its post. A refund the rules do not allow
// returns commerce's *NotEligibleError, whose message explains the policy.
func (s *Service) Offer(ctx context.Context, in OfferInput) (*Card, error) {
	st := s.d.Settings()
	offer, err := commerce.OfferRefund(ctx, s.d.Shop.Snapshot(), in.Username, in.OrderID, in.Kind, s.d.Now(),
		st.policy(), s.d.Ledger, in.SKUs...)
	if err != nil {
		return nil, err
	}
	now := s.d.Now().UTC()
	c := &Card{
		ID: s.d.NewID(), ConversationID: in.ConversationID, UserID: in.UserID, Username: in.Username,
		// The reason may come from a language model: shown on cards, it must not page anyone.
		ChannelID: in.ChannelID, RootID: in.RootID, Offer: *offer, Reason: safetext.NoMentions(in.Reason),
		NeedsApproval: commerce.DecideApproval(offer.Amount, st.Limit), Limit: st.Limit,
		State: StateOffered, Lang: string(in.Lang), Proactive: in.Proactive, DM: in.DM, CreatedAt: now, UpdatedAt: now,
	}
	c.Shown = s.shownLines(in.Username, offer)
	if err := store.SetJSON(s.d.KV, cardKey(c.ID), c); err != nil {
		return nil, fmt.Errorf("store refund card: %w", err)
	}
	return c, nil
}

// Get returns a card or nil.
func (s *Service) Get(id string) (*Card, error) {
	var c Card
	ok, err := store.GetJSON(s.d.KV, cardKey(id), &c)
	if err != nil || !ok {
		return nil, err
	}
	return &c, nil
}

// errStale: the card is no longer in the state the click expects.
var errStale = errors.New("card is not in that state any more")

// transition moves a card from one of `from` to `to` with compare-and-set, so a
// double click or a concurrent click on another server changes it exactly once.
func (s *Service) transition(id string, from []string, to string, edit func(*Card)) (*Card, error) {
	var stale bool
	c, err := store.Update(s.d.KV, cardKey(id), func(c *Card, exists bool) (bool, error) {
		if !exists {
			return false, errors.New("card not found")
		}
		for _, f := range from {
			if c.State == f {
				c.State = to
				c.UpdatedAt = s.d.Now().UTC()
				if edit != nil {
					edit(c)
				}
				return true, nil
			}
		}
		stale = true
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	if stale {
		return &c, errStale
	}
	return &c, nil
}

// execute moves the money of a card in state processing and records the outcome.
// recheck: the first execution checks the offer against the order as it is now; a
// retry of a reserved refund (same idempotency key) does not, since the ledger holds
// the refund already and a second check would find it there.
func (s *Service) execute(ctx context.Context, c *Card, recheck bool) *Card {
	st := s.d.Settings()
	snap := s.d.Shop.Snapshot()
	var paid shop.Money
	var err error
	if o := snap.OrderOf(c.Username, c.Offer.OrderID); o != nil {
		paid = commerce.Paid(o)
	}
	if recheck {
		var now *commerce.Offer
		now, err = commerce.OfferRefund(ctx, snap, c.Username, c.Offer.OrderID, c.Offer.Kind, s.d.Now(), st.policy(), s.d.Ledger,
			c.Offer.ReturnedSKUs()...)
		if err == nil && now.Amount != c.Offer.Amount {
			err = fmt.Errorf("the refund amount changed from %d to %d since the offer", c.Offer.Amount, now.Amount)
		}
	}
	var result *commerce.RefundResult
	if err == nil {
		req := c.Offer.Request(c.ID, c.Username, c.Reason)
		req.GoodsReceived = c.GoodsReceived
		result, err = commerce.ExecuteRefund(ctx, s.d.Ledger, st.Backend, req, paid, s.d.Now())
	}
	unknown := errors.Is(err, commerce.ErrOutcomeUnknown)
	final, terr := s.transition(c.ID, []string{StateProcessing}, StateFailed, func(c *Card) {
		c.Attempts++
		switch {
		case unknown:
			c.State, c.Error = StateInDoubt, st.clean(err, c.Lang)
		case err != nil:
			c.Error = st.clean(err, c.Lang)
		default:
			c.Result, c.Error, c.State = result, "", StateRefunded
			if result.Status == commerce.RefundPending {
				c.State = StatePending
			}
		}
	})
	if terr != nil {
		s.d.API.LogError("refund: cannot record outcome", "card_id", c.ID, "err", terr.Error())
		return c
	}
	switch {
	case unknown:
		s.d.API.LogWarn("refund: outcome unknown, will retry with the same key", "card_id", c.ID, "order_id", c.Offer.OrderID, "err", err.Error())
	case err != nil:
		s.d.API.LogError("refund: refund failed", "card_id", c.ID, "order_id", c.Offer.OrderID, "err", err.Error())
	default:
		s.d.API.LogInfo("refund: refunded", "card_id", c.ID, "order_id", c.Offer.OrderID, "kind", c.Offer.Kind, "amount", c.Offer.Amount, "status", result.Status)
	}
	if final.State != StateInDoubt && !final.AwaitingGoods() {
		s.untrack(final.ID)
	}
	return final
}

// requestApproval posts the staff's approval request in the conversation (or, for a
// DM staff cannot see, in the staff channel).
func (s *Service) requestApproval(c *Card) {
	staffChannel := s.d.People.StaffChannelID()
	staff := s.d.People.StaffUsernames(staffChannel, maxApprovers)
	lang := i18n.Parse(c.Lang)
	post := &model.Post{UserId: s.d.BotID, ChannelId: c.ChannelID, RootId: c.RootID}
	if c.DM && staffChannel != "" {
		post.ChannelId, post.RootId = staffChannel, ""
	}
	post.Message = i18n.T(lang, "refund.approval.text", mentions(staff))
	post.AddProp("concierge_approval", c.ID)
	model.ParseMessageAttachment(post, []*model.MessageAttachment{c.ApprovalAttachment()})
	created, appErr := s.d.API.CreatePost(post)
	if appErr != nil {
		s.d.API.LogError("refund: cannot post approval request", "card_id", c.ID, "err", appErr.Error())
		return
	}
	if _, err := store.Update(s.d.KV, cardKey(c.ID), func(cc *Card, exists bool) (bool, error) {
		cc.ApprovalPostID = created.Id
		return exists, nil
	}); err != nil {
		s.d.API.LogError("refund: cannot record approval post", "card_id", c.ID, "err", err.Error())
	}
}

func mentions(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return "@" + strings.Join(names, " @")
}

// refreshPost re-renders a card's customer post.
func (s *Service) refreshPost(c *Card) {
	s.refreshAttachment(c.PostID, c.Attachment(), c)
}

// refreshAttachment re-renders a card's post (customer card or, with c nil, the
// approval request).
func (s *Service) refreshAttachment(postID string, att *model.MessageAttachment, c *Card) {
	if postID == "" {
		return
	}
	p, appErr := s.d.API.GetPost(postID)
	if appErr != nil {
		return
	}
	model.ParseMessageAttachment(p, []*model.MessageAttachment{att})
	if c != nil {
		s.showCard(p, c)
	}
	if _, appErr := s.d.API.UpdatePost(p); appErr != nil {
		s.d.API.LogError("refund: cannot update card post", "post_id", postID, "err", appErr.Error())
	}
}

// AttachPost records the post a card went out in (the reply that offered it), once.
// Clicks are checked against it; it is never taken from a click.

// MoveToDM records that a card offered in a shared thread goes to the customer's
// DM instead (SPEC §7), before the DM post is made: a click that comes before
// AttachPost then finds the card in the channel of the post clicked, and the
// approval request goes to the staff channel, never to the shared thread.
func (s *Service) MoveToDM(cardID, channelID string) error {
	if channelID == "" {
		return errors.New("no channel")
	}
	_, err := store.Update(s.d.KV, cardKey(cardID), func(c *Card, exists bool) (bool, error) {
		if !exists {
			return false, errors.New("card not found")
		}
		if c.PostID != "" {
			return false, nil // posted already: it stays where it is
		}
		c.ChannelID, c.RootID, c.DM = channelID, "", true
		return true, nil
	})
	return err
}

// Attachment is a card as its post shows it (conversation.CardPosts).
func (s *Service) Attachment(cardID string) (*model.MessageAttachment, error) {
	c, err := s.Get(cardID)
	if err != nil {
		return nil, fmt.Errorf("read card %s: %w", cardID, err)
	}
	if c == nil {
		return nil, nil
	}
	return c.Attachment(), nil
}

func (s *Service) AttachPost(cardID, postID string) error {
	if postID == "" {
		return errors.New("no post")
	}
	_, err := store.Update(s.d.KV, cardKey(cardID), func(c *Card, exists bool) (bool, error) {
		if !exists {
			return false, errors.New("card not found")
		}
		if c.PostID != "" {
			return false, nil
		}
		c.PostID = postID
		return true, nil
	})
	return err
}
