#include "passes/rtree_node.hpp"

#include <bit>
#include <cstring>

namespace sqlite2pg::passes {
namespace {

std::uint64_t read_big_endian(std::string_view blob, std::size_t at, std::size_t bytes) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(blob[at + i]);
    return v;
}

}  // namespace

std::optional<RtreeNode> decode_rtree_node(std::string_view blob, std::size_t dimensions, bool int32_coordinates,
                                           std::string& error) {
    if (dimensions < 1 || dimensions > 5) {
        error = "an R*Tree has 1 to 5 dimensions, not " + std::to_string(dimensions);
        return std::nullopt;
    }
    if (blob.size() < 4) {
        error = "node of " + std::to_string(blob.size()) + " bytes has no header";
        return std::nullopt;
    }
    RtreeNode node;
    node.depth = static_cast<std::uint16_t>(read_big_endian(blob, 0, 2));
    const std::size_t count = read_big_endian(blob, 2, 2);
    const std::size_t cell_size = 8 + 8 * dimensions;
    if (4 + count * cell_size > blob.size()) {
        error = "node of " + std::to_string(blob.size()) + " bytes cannot hold the " + std::to_string(count) +
                " cells it counts";
        return std::nullopt;
    }
    node.cells.resize(count);
    for (std::size_t c = 0; c < count; ++c) {
        const std::size_t at = 4 + c * cell_size;
        RtreeCell& cell = node.cells[c];
        cell.id = static_cast<std::int64_t>(read_big_endian(blob, at, 8));
        cell.coordinates.resize(2 * dimensions);
        for (std::size_t k = 0; k < 2 * dimensions; ++k) {
            auto bits = static_cast<std::uint32_t>(read_big_endian(blob, at + 8 + 4 * k, 4));
            cell.coordinates[k] = int32_coordinates ? static_cast<double>(static_cast<std::int32_t>(bits))
                                                    : static_cast<double>(std::bit_cast<float>(bits));
        }
    }
    return node;
}

}  // namespace sqlite2pg::passes
