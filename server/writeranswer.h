#pragma once
// What creates and refunds share on their way through the group commit (PaymentWriter): the 201
// with the JSON a store wrote, and the hand-over that answers on the request's own thread.
#include "server/paymentwriter.h"
#include "server/route.h"
#include "server/threadinbox.h"

#include <QByteArray>

namespace gw::http {

// A 201 whose body is the JSON a store wrote (compact, keys sorted), and the jobs to push.
Reply created(const QByteArray &json, const QList<JobRef> &jobs = {});

// Hands `draft` (a store::PaymentDraft or store::RefundDraft) to the process's writer; `done`
// gets the 201 or the error on this thread, through its inbox, once the batch holding it has
// committed (the jobs are then with the writer's pusher). Needs ServerContext::payments and
// ::inbox.
template <typename Draft> void answerWhenCommitted(const Call &call, Draft draft, Done done)
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

} // namespace gw::http
