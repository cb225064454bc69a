#pragma once
// Rows of the current table, held until the table's last row has been read, so that its column types can
// be chosen from all of its values before its CREATE TABLE is printed (DESIGN.md §6). Memory is bounded:
// past a limit the rows go to an anonymous temporary file.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "ast/value.hpp"

namespace sqlite2pg::pipeline {

class RowStage {
public:
    /// `memory_limit` bytes are kept in memory before spilling to a temporary file.
    explicit RowStage(std::size_t memory_limit = 32u << 20) : memory_limit_(memory_limit) {}
    ~RowStage();
    RowStage(const RowStage&) = delete;
    RowStage& operator=(const RowStage&) = delete;

    /// Appends one row (its values are encoded; the span may be reused by the caller).
    void append(std::span<const ast::Value> row);
    std::uint64_t rows() const { return rows_; }
    /// Calls `each` with every staged row, in order, each of `width` values; then empties the stage.
    void drain(std::size_t width, const std::function<void(std::span<const ast::Value>)>& each);

private:
    void spill();

    std::size_t memory_limit_;
    std::string buffer_;
    std::FILE* file_ = nullptr;
    std::uint64_t rows_ = 0;
    std::vector<ast::Value> row_;
};

}  // namespace sqlite2pg::pipeline
