public enum _R {}
