#pragma once
// The route groups, one file per resource; routes.cpp puts them into one RouteTable.
#include "server/http/routetable.h"

namespace gw::http {

void addHealthRoutes(RouteTable &table);
void addOrderRoutes(RouteTable &table);
void addPaymentRoutes(RouteTable &table);
void addRefundRoutes(RouteTable &table);
void addPublicRoutes(RouteTable &table);
void addWebhookRoutes(RouteTable &table);
void addStatsRoutes(RouteTable &table);
void addTestRoutes(RouteTable &table);
void addDocsRoutes(RouteTable &table);      // openapi.json and /metrics
void addReferenceRoutes(RouteTable &table); // /docs, the interactive API reference

// Shared by the handlers.
QUrlQuery queryOf(const Call &call);
// POST /payments and POST /payments/public: a pending payment, its job and its events.
Result<Reply> createPayment(const Call &call);
// The same without Idempotency-Key: through the group commit (ServerContext::payments), answered
// once its batch has committed.
void createPaymentGrouped(const Call &call, ReplyCallback done);
// GET /payments/{id} and GET /payments/{id}/public.
Result<Reply> getPayment(const Call &call);
// GET /orders/{id} and GET /orders/{id}/public.
Result<Reply> getOrder(const Call &call);

} // namespace gw::http
