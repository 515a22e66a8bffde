#pragma once
// What creates and refunds share, written by their batch statement (store::PaymentBatch,
// store::RefundBatch): the 201 with the JSON the statement wrote, one draft written on the
// request's thread (with an Idempotency-Key), and the hand-over to the group commit
// (PaymentWriter) that answers on the request's own thread (without one).
#include "server/http/route.h"
#include "server/http/threadinbox.h"
#include "server/writer/paymentwriter.h"

#include <QByteArray>

namespace gw::http {

// A 201 whose body is the JSON a store wrote (compact, keys sorted), and the jobs to push.
Reply created(const QByteArray &json, const QList<JobRef> &jobs = {});

// One draft written by `Batch`'s statement on the thread's own connection (inside the key's
// transaction, or in autocommit): the 201, or why not.
template <typename Batch, typename Draft>
Result<Reply> writeOne(store::Connection &db, const Draft &draft)
{
    auto outcomes = Batch(db).insert({&draft});
    if (!outcomes)
        return outcomes.error();
    const auto &one = outcomes->first();
    if (!one)
        return one.error();
    return created(one->json, one->jobs);
}

// Hands `draft` (a store::PaymentDraft or store::RefundDraft) to the process's writer; `done`
// gets the 201 or the error on this thread, through its inbox, once the batch holding it has
// committed (the jobs are then with the writer's pusher). Needs ServerContext::payments and
// ::inbox.
template <typename Draft>
void answerWhenCommitted(const Call &call, Draft draft, ReplyCallback done)
{
    // Moved out on the writer's thread, so that whatever holds the client's socket is let go on
    // this one (or dropped with the post, when this thread has ended).
    call.ctx.payments->submit(std::move(draft), [inbox = call.ctx.inbox, done = std::move(done)](
                                                    Result<QByteArray> json) mutable {
        inbox->post([done = std::move(done), json = std::move(json)] {
            if (!json)
                done(json.error());
            else
                done(created(json.value()));
        });
    });
}

// A POST without Idempotency-Key: its draft through the writer, answered once committed; or,
// in a process without a writer, `alone` on this thread.
template <typename Draft>
void writeGrouped(const Call &call, ReplyCallback done, Result<Draft> (*draftFor)(const Call &),
                  Result<Reply> (*alone)(const Call &))
{
    if (!call.ctx.payments || !call.ctx.inbox) {
        done(alone(call));
        return;
    }
    auto draft = draftFor(call);
    if (!draft) {
        done(draft.error());
        return;
    }
    answerWhenCommitted(call, std::move(draft.value()), std::move(done));
}

} // namespace gw::http
