#pragma once
// Result<T>: a value or an ApiError, so that failures travel as values instead of exceptions.
#include "core/apierror.h"

#include <utility>
#include <variant>

namespace gw {

template <typename T> class Result
{
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(ApiError error) : m_v(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_v); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<T>(m_v); }
    T &value() & { return std::get<T>(m_v); }
    T &&value() && { return std::get<T>(std::move(m_v)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &std::get<T>(m_v); }
    T *operator->() { return &std::get<T>(m_v); }
    const ApiError &error() const { return std::get<ApiError>(m_v); }

private:
    std::variant<T, ApiError> m_v;
};

// The value of an operation that returns nothing but may fail: OkOrError is Ok{} or an ApiError.
struct Ok
{
};
using OkOrError = Result<Ok>;

} // namespace gw
