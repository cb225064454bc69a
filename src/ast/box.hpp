#pragma once
// Box<T>: a nullable owning pointer with value semantics (deep copy, deep equality).
// Recursive AST nodes (expressions inside selects inside expressions) need indirection; a Box keeps
// the node types copyable and comparable with defaulted operators, which unique_ptr would not.
#include <memory>
#include <utility>

namespace sqlite2pg::ast {

template <class T>
class Box {
public:
    Box() = default;
    Box(std::nullptr_t) {}
    /// Takes ownership of a freshly built node.
    explicit Box(T value) : ptr_(std::make_unique<T>(std::move(value))) {}
    Box(const Box& other) : ptr_(other.ptr_ ? std::make_unique<T>(*other.ptr_) : nullptr) {}
    Box(Box&&) noexcept = default;
    Box& operator=(const Box& other) {
        if (this != &other) ptr_ = other.ptr_ ? std::make_unique<T>(*other.ptr_) : nullptr;
        return *this;
    }
    Box& operator=(Box&&) noexcept = default;
    ~Box() = default;

    explicit operator bool() const { return ptr_ != nullptr; }
    T& operator*() const { return *ptr_; }
    T* operator->() const { return ptr_.get(); }
    T* get() const { return ptr_.get(); }

    /// Deep equality: two empty boxes are equal; otherwise the pointees are compared.
    friend bool operator==(const Box& a, const Box& b) {
        if (!a.ptr_ || !b.ptr_) return !a.ptr_ && !b.ptr_;
        return *a.ptr_ == *b.ptr_;
    }

private:
    std::unique_ptr<T> ptr_;
};

/// Builds a Box from a node value: `box(ast::Literal{...})`.
template <class T>
Box<T> box(T value) {
    return Box<T>(std::move(value));
}

}  // namespace sqlite2pg::ast
