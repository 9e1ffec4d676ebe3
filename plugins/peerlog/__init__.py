"""peerlog: turn rough learning journals into a knowledge base people use."""
