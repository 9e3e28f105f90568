package refund

import (
	"github.com/concierge-shop/concierge/server/cards"

	"context"
	"fmt"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/store"
)

// Where says where a customer's conversation is, for a post the bot starts itself.
type Where struct {
	ChannelID, RootID, ConversationID string
	Lang                              i18n.Lang
	DM                                bool
}

// ProactiveDeps are what the price-protection sweep needs beyond the service's.
type ProactiveDeps struct {
	GetUserByUsername func(username string) (*model.User, *model.AppError)
	// Conversation finds the customer's latest conversation; ok=false when none.
	Conversation func(userID string) (Where, bool)
	// DM opens (or finds) the bot's DM with the user.
	DM func(userID string) (string, error)
}

func proactiveKey(orderID, skuID string) string {
	return "refund/proactive/" + store.KeyPart(orderID) + "/" + store.KeyPart(skuID)
}

// SweepPriceProtection finds order lines that became eligible for price protection
// (after a catalog change, or as time passes) and posts a card into each customer's
// conversation — at most once per line, ever: the mark is taken with "only if
// absent" before posting, so two servers running the sweep cannot both post. It
// returns how many cards it posted.
func (s *Service) SweepPriceProtection(ctx context.Context, pd ProactiveDeps) (int, error) {
	snap := s.d.Shop.Snapshot()
	st := s.d.Settings()
	posted := 0
	for _, o := range snap.Orders.Orders {
		if ctx.Err() != nil {
			return posted, ctx.Err()
		}
		if o.Status != shop.StatusPaid && o.Status != shop.StatusShipped && o.Status != shop.StatusDelivered {
			continue
		}
		pp, err := commerce.CheckPriceProtection(ctx, snap, o.User, o.ID, s.d.Now(), st.ProtectionDays, s.d.Ledger)
		if err != nil || !pp.Eligible || pp.RefundTotal <= 0 {
			continue
		}
		fresh := false
		for _, l := range pp.Lines {
			if l.Refund <= 0 {
				continue
			}
			ok, err := s.d.KV.CompareAndSet(proactiveKey(o.ID, l.SKUID), nil, []byte(`"offered"`))
			if err != nil {
				// One bad order must not stop the sweep for every later one.
				s.d.API.LogError("refund: cannot mark proactive line", "order_id", o.ID, "sku_id", l.SKUID, "err", err.Error())
				continue
			}
			fresh = fresh || ok
		}
		if !fresh {
			continue
		}
		if err := s.postProactive(ctx, pd, o); err != nil {
			s.d.API.LogError("refund: proactive price protection card failed", "order_id", o.ID, "err", err.Error())
			continue
		}
		posted++
	}
	return posted, nil
}

func (s *Service) postProactive(ctx context.Context, pd ProactiveDeps, o shop.Order) error {
	user, appErr := pd.GetUserByUsername(o.User)
	if appErr != nil {
		return fmt.Errorf("customer %s: %w", o.User, appErr)
	}
	where, ok := pd.Conversation(user.Id)
	if !ok {
		ch, err := pd.DM(user.Id)
		if err != nil {
			return err
		}
		where = Where{ChannelID: ch, Lang: i18n.FromLocale(user.Locale), DM: true}
	}
	card, err := s.Offer(ctx, OfferInput{
		UserID: user.Id, Username: user.Username, ChannelID: where.ChannelID, RootID: where.RootID,
		ConversationID: where.ConversationID, OrderID: o.ID, Kind: commerce.KindPriceProtection,
		Reason: i18n.T(where.Lang, "refund.card.title.price_protection"), Lang: where.Lang, Proactive: true, DM: where.DM,
	})
	if err != nil {
		return err
	}
	post := &model.Post{UserId: s.d.BotID, ChannelId: where.ChannelID, RootId: where.RootID,
		Message: i18n.T(where.Lang, "refund.proactive.text", o.ID)}
	post.AddProp("concierge_card", card.ID)
	model.ParseMessageAttachment(post, []*model.MessageAttachment{card.Attachment()})
	cards.Apply(post, cards.View{Lang: string(where.Lang), Text: post.Message, Cards: []cards.Card{{Kind: cards.KindRefund, Refund: new(card.View(s.names()))}}})
	created, appErr := s.d.API.CreatePost(post)
	if appErr != nil {
		return fmt.Errorf("post card: %w", appErr)
	}
	_, err = store.Update(s.d.KV, cardKey(card.ID), func(c *Card, exists bool) (bool, error) {
		c.PostID = created.Id
		return exists, nil
	})
	return err
}
