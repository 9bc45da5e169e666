import Strided
print("placeholder")
